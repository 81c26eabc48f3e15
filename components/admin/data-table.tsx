"use client";

import type { ColumnDef, RowData, PaginationState, SortingState, Updater } from "@tanstack/react-table";
import { rowPaginationFeature, rowSortingFeature, tableFeatures, useTable } from "@tanstack/react-table";
import { ArrowDownIcon, ArrowUpIcon, ChevronLeftIcon, ChevronRightIcon } from "lucide-react";
import type { HTMLAttributes } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

interface ConsoleColumnMeta {
  /** Classes for the column's header and cells (e.g. "hidden md:table-cell" for a secondary column). */
  className?: string;
  /** The cell that names the row: a `th scope="row"`. */
  rowHeader?: boolean;
}

/** The console's tables page and sort on the server; react-table holds the state and the header logic. */
const features = tableFeatures({ rowSortingFeature, rowPaginationFeature, columnMeta: {} as ConsoleColumnMeta });
type Features = typeof features;
// biome-ignore lint/suspicious/noExplicitAny: a column list mixes value types.
export type ConsoleColumn<T extends RowData> = ColumnDef<Features, T, any>;

const apply = <S,>(updater: Updater<S>, old: S): S => (typeof updater === "function" ? (updater as (old: S) => S)(old) : updater);

interface Options<T extends RowData> {
  data: T[];
  columns: ConsoleColumn<T>[];
  getRowId: (row: T) => string;
  /** 1-based, as the API routes count pages. */
  page: number;
  onPage: (page: number) => void;
  /** Known when the route answers a total; otherwise "this page, plus one if there is more". */
  pageCount: number;
  sorting?: SortingState;
  onSorting?: (sorting: SortingState) => void;
}

export function useConsoleTable<T extends RowData>({ data, columns, getRowId, page, onPage, pageCount, sorting = [], onSorting }: Options<T>) {
  const pagination: PaginationState = { pageIndex: page - 1, pageSize: Math.max(1, data.length) };
  return useTable({
    features,
    columns,
    data,
    getRowId,
    state: { sorting, pagination },
    manualSorting: true,
    manualPagination: true,
    pageCount,
    enableSorting: !!onSorting,
    enableSortingRemoval: false,
    enableMultiSort: false,
    sortDescFirst: false,
    autoResetPageIndex: false,
    onSortingChange: (updater) => onSorting?.(apply(updater, sorting)),
    onPaginationChange: (updater) => onPage(apply(updater, pagination).pageIndex + 1),
  });
}

type ConsoleTable<T extends RowData> = ReturnType<typeof useConsoleTable<T>>;

const ariaSort = { asc: "ascending", desc: "descending" } as const;

/**
 * A console table through the ui/table primitives: sortable headers are buttons and the
 * `th` carries aria-sort; the region is named so a screen reader says what it holds.
 */
export function DataTable<T extends RowData>({
  table,
  label,
  busy,
  className,
  rowProps,
}: {
  table: ConsoleTable<T>;
  label: string;
  busy?: boolean;
  className?: string;
  rowProps?: (row: T) => HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, string>;
}) {
  return (
    <div role="region" aria-label={label} aria-busy={busy || undefined} className="rounded-xl border border-border">
      <Table className={className}>
        <TableHeader>
          {table.getHeaderGroups().map((group) => (
            <TableRow key={group.id}>
              {group.headers.map((header) => {
                const column = header.column;
                const sorted = column.getIsSorted();
                const content = <table.FlexRender header={header} />;
                return (
                  <TableHead
                    key={header.id}
                    scope="col"
                    className={column.columnDef.meta?.className}
                    aria-sort={column.getCanSort() ? (sorted ? ariaSort[sorted] : "none") : undefined}
                  >
                    {column.getCanSort() ? (
                      <button type="button" onClick={column.getToggleSortingHandler()} className="flex items-center gap-1 rounded hover:underline">
                        {content}
                        {sorted === "desc" ? (
                          <ArrowDownIcon aria-hidden="true" className="size-3.5" />
                        ) : (
                          <ArrowUpIcon aria-hidden="true" className={cn("size-3.5", !sorted && "opacity-30")} />
                        )}
                      </button>
                    ) : (
                      content
                    )}
                  </TableHead>
                );
              })}
            </TableRow>
          ))}
        </TableHeader>
        <TableBody>
          {table.getRowModel().rows.map((row) => (
            <TableRow key={row.id} {...rowProps?.(row.original)}>
              {row.getAllCells().map((cell) => {
                const meta = cell.column.columnDef.meta;
                // biome-ignore lint/correctness/useJsxKeyInIterable: the element is placed inside the keyed cell below.
                const content = <table.FlexRender cell={cell} />;
                return meta?.rowHeader ? (
                  <TableHead key={cell.id} scope="row" className={cn("font-medium", meta.className)}>
                    {content}
                  </TableHead>
                ) : (
                  <TableCell key={cell.id} className={meta?.className}>
                    {content}
                  </TableCell>
                );
              })}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

/** Previous / next with where we are; `label` names what is paged ("Users pages"). */
export function TablePager<T extends RowData>({ table, label, busy, total }: { table: ConsoleTable<T>; label: string; busy?: boolean; total?: boolean }) {
  const page = table.state.pagination.pageIndex + 1;
  return (
    <nav aria-label={label} className="flex flex-wrap items-center gap-2 text-sm">
      <Button variant="outline" size="sm" type="button" disabled={!table.getCanPreviousPage() || busy} onClick={() => table.previousPage()}>
        <ChevronLeftIcon aria-hidden="true" />
        Previous
      </Button>
      <span aria-live="polite">{total ? `Page ${page} of ${table.getPageCount()}` : `Page ${page}`}</span>
      <Button variant="outline" size="sm" type="button" disabled={!table.getCanNextPage() || busy} onClick={() => table.nextPage()}>
        Next
        <ChevronRightIcon aria-hidden="true" />
      </Button>
    </nav>
  );
}
