import { formatDateTime } from "@/components/admin/format";
import { ScrollTable } from "@/components/admin/scroll-table";
import { dangerButton, table, td, th } from "@/components/admin/styles";
import type { ConsoleMessage } from "@/components/admin/types";

export function MessagesTable({ messages, busy, onDelete }: { messages: ConsoleMessage[]; busy: boolean; onDelete: (message: ConsoleMessage) => void }) {
  return (
    <ScrollTable label="Messages found" busy={busy}>
      <table className={table}>
        <thead>
          <tr>
            {["When", "Author", "Where", "Message", "Action"].map((h) => (
              <th key={h} scope="col" className={th}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {messages.map((m) => (
            <tr key={m.id} data-message-id={m.id}>
              <td className={`${td} whitespace-nowrap`}>{formatDateTime(m.createdAt)}</td>
              <td className={td}>
                {m.author.displayName} <span className="text-zinc-500 dark:text-zinc-400">@{m.author.username}</span>
              </td>
              <td className={`${td} whitespace-nowrap`}>{m.room}</td>
              <td className={`${td} max-w-md whitespace-pre-wrap break-words`}>
                {m.removed ? <em className="text-zinc-500 dark:text-zinc-400">Removed by a moderator</em> : null}
                {m.removed ? <span className="sr-only">: </span> : null}
                <span className={m.removed ? "block text-zinc-500 line-through dark:text-zinc-500" : ""}>{m.body}</span>
              </td>
              <td className={td}>
                {m.removed ? (
                  <span className="text-xs text-zinc-500 dark:text-zinc-400">Removed</span>
                ) : (
                  <button type="button" className={dangerButton} onClick={() => onDelete(m)} aria-label={`Delete message ${m.id} by ${m.author.username}`}>
                    Delete
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}
