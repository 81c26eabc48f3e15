import Link from "next/link";

/** One number with what it means and where to act on it. */
export function StatCard({ label, value, href, linkLabel }: { label: string; value: number | null; href: string; linkLabel: string }) {
  return (
    <li className="flex flex-col gap-1 rounded-xl border border-border bg-card p-4 text-card-foreground">
      <span className="text-sm text-muted-foreground">{label}</span>
      <span className="text-3xl font-bold tabular-nums" data-testid={`stat-${label}`}>
        {value ?? "…"}
      </span>
      <Link href={href} className="text-sm font-medium text-primary underline">
        {linkLabel}
      </Link>
    </li>
  );
}
