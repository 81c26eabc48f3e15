/**
 * Parley's one way of writing dates and times, in the reader's locale and time zone:
 * "Dec 1, 2026, 7:23 PM", "Dec 1, 2026", "7:23 PM", "5 minutes ago". Browser and
 * terminal client alike; call it after mount in React, since the server's locale and
 * time zone are not the reader's.
 */
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: "short" });
const relativeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
const numberFormat = new Intl.NumberFormat(undefined);

function parse(iso: string | number | Date): Date | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "Dec 1, 2026, 7:23 PM"; "—" when there is no time. */
export function formatDateTime(iso: string | number | Date | null | undefined): string {
  if (iso === null || iso === undefined || iso === "") return "—";
  const date = parse(iso);
  return date ? dateTimeFormat.format(date) : String(iso);
}

/** "Dec 1, 2026" */
export function formatDate(iso: string | number | Date): string {
  const date = parse(iso);
  return date ? dateFormat.format(date) : String(iso);
}

/** "7:23 PM" (or "19:23", as the reader's locale writes it). */
export function formatTime(iso: string | number | Date): string {
  const date = parse(iso);
  return date ? timeFormat.format(date) : String(iso);
}

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

/** "just now", "5 minutes ago", "yesterday": how long ago a time was (or how far ahead). */
export function timeAgo(iso: string | number | Date, now = Date.now()): string {
  const date = parse(iso);
  if (!date) return String(iso);
  const seconds = Math.round((date.getTime() - now) / 1000);
  if (Math.abs(seconds) < 60) return "just now";
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return relativeFormat.format(Math.round(seconds / size), unit);
  }
  return "just now";
}

/** "525,600" (or "525 600"): counts and limits beside dates, in the same locale. */
export function formatNumber(n: number): string {
  return numberFormat.format(n);
}
