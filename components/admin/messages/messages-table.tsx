import { formatDateTime } from "@/lib/shared/format-time";
import { ScrollTable } from "@/components/admin/scroll-table";
import type { ConsoleMessage } from "@/components/admin/types";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

export function MessagesTable({ messages, busy, onDelete }: { messages: ConsoleMessage[]; busy: boolean; onDelete: (message: ConsoleMessage) => void }) {
  return (
    <ScrollTable label="Messages found" busy={busy}>
      <Table className="min-w-[40rem]">
        <TableHeader>
          <TableRow>
            {["When", "Author", "Where", "Message", "Action"].map((h) => (
              <TableHead key={h} scope="col">
                {h}
              </TableHead>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {messages.map((m) => (
            <TableRow key={m.id} data-message-id={m.id}>
              <TableCell className="whitespace-nowrap">{formatDateTime(m.createdAt)}</TableCell>
              <TableCell>
                {m.author.displayName} <span className="text-muted-foreground">@{m.author.username}</span>
              </TableCell>
              <TableCell className="whitespace-nowrap">{m.room}</TableCell>
              <TableCell className="max-w-md whitespace-pre-wrap break-words">
                {m.removed ? <em className="text-muted-foreground">Removed by a moderator</em> : null}
                {m.removed ? <span className="sr-only">: </span> : null}
                <span className={m.removed ? "block text-muted-foreground line-through" : ""}>{m.body}</span>
              </TableCell>
              <TableCell>
                {m.removed ? (
                  <span className="text-xs text-muted-foreground">Removed</span>
                ) : (
                  <Button
                    variant="destructive"
                    size="sm"
                    type="button"
                    onClick={() => onDelete(m)}
                    aria-label={`Delete message ${m.id} by ${m.author.username}`}
                  >
                    Delete
                  </Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ScrollTable>
  );
}
