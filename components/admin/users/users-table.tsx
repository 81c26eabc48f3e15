import Link from "next/link";
import { formatDateTime } from "@/lib/shared/format-time";
import { ScrollTable } from "@/components/admin/scroll-table";
import type { ConsoleUser } from "@/components/admin/types";
import type { Sort } from "@/components/admin/users/sort-header";
import { SortHeader } from "@/components/admin/users/sort-header";
import { UserRowActions } from "@/components/admin/users/user-row-actions";
import { UserStatus } from "@/components/admin/users/user-status";
import type { UserActionKind } from "@/components/admin/users/user-actions";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

interface Props {
  users: ConsoleUser[];
  sort: Sort;
  busy: boolean;
  onSort: (sort: Sort) => void;
  onAction: (kind: UserActionKind, user: ConsoleUser) => void;
}

/** The username stays in view while a phone scrolls the table sideways. */
const sticky = "sticky left-0 z-[1] bg-background";

/** Status and actions come right after the name: what a moderator needs first, even on a phone. */
export function UsersTable({ users, sort, busy, onSort, onAction }: Props) {
  return (
    <ScrollTable label="Users" busy={busy}>
      <Table className="min-w-[56rem]">
        <TableHeader>
          <TableRow>
            <SortHeader label="Username" column="username" sort={sort} onSort={onSort} className={sticky} />
            <TableHead scope="col">Status</TableHead>
            <TableHead scope="col">Actions</TableHead>
            <SortHeader label="Display name" column="displayName" sort={sort} onSort={onSort} />
            <SortHeader label="Role" column="role" sort={sort} onSort={onSort} />
            <SortHeader label="Joined" column="createdAt" sort={sort} onSort={onSort} />
            <SortHeader label="Last seen" column="lastSeenAt" sort={sort} onSort={onSort} />
            <TableHead scope="col">Online</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {users.map((user) => (
            <TableRow key={user.id} data-username={user.username}>
              <TableHead scope="row" className={`${sticky} font-medium`}>
                <Link
                  href={`/admin/messages?username=${encodeURIComponent(user.username)}`}
                  className="underline decoration-dotted"
                  title={`Messages by @${user.username}`}
                >
                  @{user.username}
                </Link>
              </TableHead>
              <TableCell>
                <UserStatus user={user} />
              </TableCell>
              <TableCell>
                <UserRowActions user={user} onPick={onAction} />
              </TableCell>
              <TableCell>{user.displayName}</TableCell>
              <TableCell>{user.role}</TableCell>
              <TableCell className="whitespace-nowrap">{formatDateTime(user.joinedAt)}</TableCell>
              <TableCell className="whitespace-nowrap">{user.online ? "now" : formatDateTime(user.lastSeenAt)}</TableCell>
              <TableCell>{user.online ? "Online" : "Offline"}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ScrollTable>
  );
}
