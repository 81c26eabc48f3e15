"use client";

import type { SortingState } from "@tanstack/react-table";
import { useMemo } from "react";
import { useLatest } from "@/components/chat/use-socket-event";
import type { ConsoleColumn } from "@/components/admin/data-table";
import { DataTable, TablePager, useConsoleTable } from "@/components/admin/data-table";
import type { ConsoleUser } from "@/components/admin/types";
import { UserRowActions } from "@/components/admin/users/user-row-actions";
import { UserStatus } from "@/components/admin/users/user-status";
import type { UserActionKind } from "@/components/admin/users/user-actions";
import { formatDateTime } from "@/lib/shared/format-time";

export type UserSortKey = "username" | "displayName" | "role" | "createdAt" | "lastSeenAt";

/** Below `md` only the name, status and actions stay: a phone never scrolls sideways, and every action is still in the row. */
const secondary = "hidden md:table-cell";

/** Sortable columns carry an accessor: react-table only offers sorting on those (the server still sorts). */
function columns(onCard: (user: ConsoleUser) => void, onAction: (kind: UserActionKind, user: ConsoleUser) => void): ConsoleColumn<ConsoleUser>[] {
  return [
    {
      id: "username",
      accessorFn: (user) => user.username,
      header: "Username",
      meta: { rowHeader: true, className: "whitespace-normal" },
      cell: ({ row }) => (
        <button
          type="button"
          onClick={() => onCard(row.original)}
          className="break-all text-left underline decoration-dotted"
          title={`Profile of @${row.original.username}`}
        >
          @{row.original.username}
        </button>
      ),
    },
    {
      id: "status",
      header: "Status",
      enableSorting: false,
      cell: ({ row }) => (
        <div className="flex flex-col gap-1">
          <UserStatus user={row.original} />
          <span className="text-xs text-muted-foreground md:hidden">
            {row.original.displayName} · {row.original.role}
          </span>
        </div>
      ),
    },
    { id: "actions", header: "Actions", enableSorting: false, cell: ({ row }) => <UserRowActions user={row.original} onPick={onAction} /> },
    {
      id: "displayName",
      accessorFn: (user) => user.displayName,
      header: "Display name",
      meta: { className: secondary },
      cell: ({ row }) => row.original.displayName,
    },
    { id: "role", accessorFn: (user) => user.role, header: "Role", meta: { className: secondary }, cell: ({ row }) => row.original.role },
    {
      id: "createdAt",
      accessorFn: (user) => user.joinedAt,
      header: "Joined",
      meta: { className: `${secondary} whitespace-nowrap` },
      cell: ({ row }) => formatDateTime(row.original.joinedAt),
    },
    {
      id: "lastSeenAt",
      accessorFn: (user) => user.lastSeenAt ?? "",
      header: "Last seen",
      meta: { className: `${secondary} whitespace-nowrap` },
      cell: ({ row }) => (row.original.online ? "now" : formatDateTime(row.original.lastSeenAt)),
    },
    { id: "online", header: "Online", enableSorting: false, meta: { className: secondary }, cell: ({ row }) => (row.original.online ? "Online" : "Offline") },
  ];
}

interface Props {
  users: ConsoleUser[];
  sort: { key: UserSortKey; order: "asc" | "desc" };
  page: number;
  pages: number;
  busy: boolean;
  onSort: (sort: { key: UserSortKey; order: "asc" | "desc" }) => void;
  onPage: (page: number) => void;
  onCard: (user: ConsoleUser) => void;
  onAction: (kind: UserActionKind, user: ConsoleUser) => void;
}

/** Status and actions come right after the name: what a moderator needs first, even on a phone. */
export function UsersTable({ users, sort, page, pages, busy, onSort, onPage, onCard, onAction }: Props) {
  const sorting: SortingState = [{ id: sort.key, desc: sort.order === "desc" }];
  // Cells are components to react-table: new column objects each render would remount them (and close an open Actions menu).
  const latest = useLatest({ onCard, onAction });
  const stable = useMemo(
    () =>
      columns(
        (user) => latest.current.onCard(user),
        (kind, user) => latest.current.onAction(kind, user),
      ),
    [latest],
  );
  const table = useConsoleTable({
    data: users,
    columns: stable,
    getRowId: (user) => user.id,
    page,
    pageCount: pages,
    onPage,
    sorting,
    onSorting: (next) => {
      const first = next[0];
      if (first) onSort({ key: first.id as UserSortKey, order: first.desc ? "desc" : "asc" });
    },
  });
  return (
    <>
      <DataTable table={table} label="Users" busy={busy} rowProps={(user) => ({ "data-username": user.username })} />
      <TablePager table={table} label="Users pages" busy={busy} total />
    </>
  );
}
