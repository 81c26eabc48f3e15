import { quietButton } from "@/components/admin/styles";

/** Previous / next with where we are; `label` names what is paged ("Users pages"). */
export function Pager({ label, page, hasMore, summary, busy, onPage }: { label: string; page: number; hasMore: boolean; summary?: string; busy?: boolean; onPage: (page: number) => void }) {
  return (
    <nav aria-label={label} className="flex flex-wrap items-center gap-2 text-sm">
      <button type="button" className={quietButton} disabled={page <= 1 || busy} onClick={() => onPage(page - 1)}>
        ← Previous
      </button>
      <span aria-live="polite">{summary ?? `Page ${page}`}</span>
      <button type="button" className={quietButton} disabled={!hasMore || busy} onClick={() => onPage(page + 1)}>
        Next →
      </button>
    </nav>
  );
}
