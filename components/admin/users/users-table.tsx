import Link from "next/link";
import { formatDateTime } from "@/components/admin/format";
import { ScrollTable } from "@/components/admin/scroll-table";
import { table, td, th } from "@/components/admin/styles";
import type { ConsoleUser } from "@/components/admin/types";
import { SortHeader, type Sort } from "@/components/admin/users/sort-header";
import { UserRowActions } from "@/components/admin/users/user-row-actions";
import { UserStatus } from "@/components/admin/users/user-status";
import type { UserActionKind } from "@/components/admin/users/user-actions";

interface Props {
  users: ConsoleUser[];
  sort: Sort;
  busy: boolean;
  onSort: (sort: Sort) => void;
  onAction: (kind: UserActionKind, user: ConsoleUser) => void;
}

/** The username stays in view while a phone scrolls the table sideways. */
const sticky = "sticky left-0 z-[1] bg-white dark:bg-zinc-950";

/** Status and actions come right after the name: what a moderator needs first, even on a phone. */
export function UsersTable({ users, sort, busy, onSort, onAction }: Props) {
  return (
    <ScrollTable label="Users" busy={busy}>
      <table className={`${table} min-w-[56rem]`}>
        <thead>
          <tr>
            <SortHeader label="Username" column="username" sort={sort} onSort={onSort} className={sticky} />
            <th scope="col" className={th}>
              Status
            </th>
            <th scope="col" className={th}>
              Actions
            </th>
            <SortHeader label="Display name" column="displayName" sort={sort} onSort={onSort} />
            <SortHeader label="Role" column="role" sort={sort} onSort={onSort} />
            <SortHeader label="Joined" column="createdAt" sort={sort} onSort={onSort} />
            <SortHeader label="Last seen" column="lastSeenAt" sort={sort} onSort={onSort} />
            <th scope="col" className={th}>
              Online
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id} data-username={user.username}>
              <th scope="row" className={`${td} ${sticky} font-medium`}>
                <Link href={`/admin/messages?username=${encodeURIComponent(user.username)}`} className="underline decoration-dotted" title={`Messages by @${user.username}`}>
                  @{user.username}
                </Link>
              </th>
              <td className={td}>
                <UserStatus user={user} />
              </td>
              <td className={td}>
                <UserRowActions user={user} onPick={onAction} />
              </td>
              <td className={td}>{user.displayName}</td>
              <td className={td}>{user.role}</td>
              <td className={`${td} whitespace-nowrap`}>{formatDateTime(user.joinedAt)}</td>
              <td className={`${td} whitespace-nowrap`}>{user.online ? "now" : formatDateTime(user.lastSeenAt)}</td>
              <td className={td}>{user.online ? "Online" : "Offline"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}
