"use client";

import { useMemo } from "react";
import { useLatest } from "@/components/chat/use-socket-event";
import type { ConsoleColumn } from "@/components/admin/data-table";
import { DataTable, TablePager, useConsoleTable } from "@/components/admin/data-table";
import type { ConsoleMessage } from "@/components/admin/types";
import { Button } from "@/components/ui/button";
import { formatDateTime } from "@/lib/shared/format-time";

function columns(onDelete: (message: ConsoleMessage) => void): ConsoleColumn<ConsoleMessage>[] {
  return [
    { id: "when", header: "When", meta: { className: "whitespace-nowrap" }, cell: ({ row }) => formatDateTime(row.original.createdAt) },
    {
      id: "author",
      header: "Author",
      cell: ({ row }) => (
        <>
          {row.original.author.displayName} <span className="text-muted-foreground">@{row.original.author.username}</span>
        </>
      ),
    },
    { id: "where", header: "Where", meta: { className: "whitespace-nowrap" }, cell: ({ row }) => row.original.room },
    {
      id: "body",
      header: "Message",
      meta: { className: "max-w-md whitespace-pre-wrap break-words" },
      cell: ({ row: { original: m } }) => (
        <>
          {m.removed ? <em className="text-muted-foreground">Removed by a moderator</em> : null}
          {m.removed ? <span className="sr-only">: </span> : null}
          <span className={m.removed ? "block text-muted-foreground line-through" : ""}>{m.body}</span>
        </>
      ),
    },
    {
      id: "action",
      header: "Action",
      cell: ({ row: { original: m } }) =>
        m.removed ? (
          <span className="text-xs text-muted-foreground">Removed</span>
        ) : (
          <Button variant="destructive" size="sm" type="button" onClick={() => onDelete(m)} aria-label={`Delete message ${m.id} by ${m.author.username}`}>
            Delete
          </Button>
        ),
    },
  ];
}

export function MessagesTable({
  messages,
  page,
  hasMore,
  busy,
  onPage,
  onDelete,
}: {
  messages: ConsoleMessage[];
  page: number;
  hasMore: boolean;
  busy: boolean;
  onPage: (page: number) => void;
  onDelete: (message: ConsoleMessage) => void;
}) {
  const latest = useLatest(onDelete);
  // Stable columns: react-table renders cells as components, so new ones each render would remount them.
  const stable = useMemo(() => columns((m) => latest.current(m)), [latest]);
  const table = useConsoleTable({ data: messages, columns: stable, getRowId: (m) => String(m.id), page, pageCount: hasMore ? page + 1 : page, onPage });
  return (
    <>
      <DataTable table={table} label="Messages found" busy={busy} className="min-w-[40rem]" rowProps={(m) => ({ "data-message-id": String(m.id) })} />
      <TablePager table={table} label="Message result pages" busy={busy} />
    </>
  );
}
