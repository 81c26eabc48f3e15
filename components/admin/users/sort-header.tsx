import { ArrowDownIcon, ArrowUpIcon } from "lucide-react";
import { TableHead } from "@/components/ui/table";

export type SortKey = "username" | "displayName" | "role" | "createdAt" | "lastSeenAt";
export interface Sort {
  key: SortKey;
  order: "asc" | "desc";
}

/** A column header whose button sorts by it; aria-sort says how the table is sorted now. */
export function SortHeader({
  label,
  column,
  sort,
  onSort,
  className = "",
}: {
  label: string;
  column: SortKey;
  sort: Sort;
  onSort: (sort: Sort) => void;
  className?: string;
}) {
  const active = sort.key === column;
  const next: Sort = { key: column, order: active && sort.order === "asc" ? "desc" : "asc" };
  return (
    <TableHead scope="col" className={className} aria-sort={active ? (sort.order === "asc" ? "ascending" : "descending") : "none"}>
      <button type="button" onClick={() => onSort(next)} className="flex items-center gap-1 rounded hover:underline">
        {label}
        {active && sort.order === "desc" ? (
          <ArrowDownIcon aria-hidden="true" className="size-3.5" />
        ) : (
          <ArrowUpIcon aria-hidden="true" className={active ? "size-3.5" : "size-3.5 opacity-30"} />
        )}
      </button>
    </TableHead>
  );
}
