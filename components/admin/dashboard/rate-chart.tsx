import { formatTime } from "@/lib/shared/format-time";

type Point = { minute: string; count: number };

const W = 600;
const H = 160;
const PAD = { top: 8, right: 8, bottom: 20, left: 32 };

/**
 * Messages per minute as 60 SVG bars — hand-made because a chart library would weigh
 * more than the whole console. The summary sentence is what a screen reader gets.
 */
export function RateChart({ points }: { points: Point[] }) {
  const max = Math.max(1, ...points.map((p) => p.count));
  const total = points.reduce((sum, p) => sum + p.count, 0);
  const peak = points.reduce<Point | null>((best, p) => (!best || p.count > best.count ? p : best), null);
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const slot = innerW / Math.max(1, points.length);
  const summary =
    total === 0
      ? "No messages in the last hour."
      : `${total} messages in the last hour; busiest minute ${peak ? formatTime(peak.minute) : ""} with ${peak?.count ?? 0}.`;
  const ticks = [0, Math.round(max / 2), max].filter((v, i, all) => all.indexOf(v) === i);

  return (
    <figure className="flex flex-col gap-2">
      <figcaption className="text-sm text-muted-foreground">{summary}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Messages per minute, last hour. ${summary}`} className="h-auto w-full text-primary">
        {ticks.map((t) => {
          const y = PAD.top + innerH - (t / max) * innerH;
          return (
            <g key={t} className="text-border">
              <line x1={PAD.left} x2={W - PAD.right} y1={y} y2={y} stroke="currentColor" strokeDasharray="2 3" />
              <text x={PAD.left - 4} y={y + 4} textAnchor="end" fontSize="10" className="fill-muted-foreground">
                {t}
              </text>
            </g>
          );
        })}
        {points.map((p, i) => {
          const h = (p.count / max) * innerH;
          return (
            <rect key={p.minute} x={PAD.left + i * slot + 1} y={PAD.top + innerH - h} width={Math.max(1, slot - 2)} height={h} fill="currentColor" rx="1">
              <title>{`${formatTime(p.minute)}: ${p.count}`}</title>
            </rect>
          );
        })}
        {points.length > 0 ? (
          <g fontSize="10" className="fill-muted-foreground">
            <text x={PAD.left} y={H - 4}>
              {formatTime(points[0]!.minute)}
            </text>
            <text x={W - PAD.right} y={H - 4} textAnchor="end">
              now
            </text>
          </g>
        ) : null}
      </svg>
    </figure>
  );
}
