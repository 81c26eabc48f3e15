import { Avatar } from "@/components/ui/avatar";
import type { PublicUser } from "@/lib/types";

export function OnlineList({ users, meId }: { users: PublicUser[]; meId: string }) {
  return (
    <section aria-labelledby="online-heading" className="flex flex-col gap-2 p-3">
      <h2 id="online-heading" className="text-xs font-semibold uppercase tracking-wide text-zinc-500 dark:text-zinc-400">
        <span data-testid="online-count">{users.length} online</span>
      </h2>
      <ul className="flex flex-col gap-1" aria-label="Online users">
        {users.map((u) => (
          <li key={u.id} className="flex items-center gap-2 rounded-md px-1 py-1">
            <span className="relative">
              <Avatar id={u.id} name={u.displayName} size="sm" />
              <span aria-hidden="true" className="absolute -bottom-0.5 -right-0.5 h-2.5 w-2.5 rounded-full border-2 border-white bg-emerald-500 dark:border-zinc-900" />
            </span>
            <span className="min-w-0 truncate text-sm">
              {u.displayName}
              {u.id === meId ? <span className="text-zinc-500 dark:text-zinc-400"> (you)</span> : null}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
