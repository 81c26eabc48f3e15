import { ChevronLeftIcon, ChevronRightIcon } from "lucide-react";
import { Button } from "@/components/ui/button";

/** Previous / next with where we are; `label` names what is paged ("Users pages"). */
export function Pager({
  label,
  page,
  hasMore,
  summary,
  busy,
  onPage,
}: {
  label: string;
  page: number;
  hasMore: boolean;
  summary?: string;
  busy?: boolean;
  onPage: (page: number) => void;
}) {
  return (
    <nav aria-label={label} className="flex flex-wrap items-center gap-2 text-sm">
      <Button variant="outline" size="sm" type="button" disabled={page <= 1 || busy} onClick={() => onPage(page - 1)}>
        <ChevronLeftIcon aria-hidden="true" />
        Previous
      </Button>
      <span aria-live="polite">{summary ?? `Page ${page}`}</span>
      <Button variant="outline" size="sm" type="button" disabled={!hasMore || busy} onClick={() => onPage(page + 1)}>
        Next
        <ChevronRightIcon aria-hidden="true" />
      </Button>
    </nav>
  );
}
