import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatNumber, formatTime, timeAgo } from "@/lib/shared/format-time";

describe("format-time", () => {
  const iso = "2026-12-01T19:23:00Z";
  const at = new Date(iso);

  it("writes every date the same way, in the reader's locale", () => {
    expect(formatDateTime(iso)).toBe(new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" }).format(at));
    expect(formatDate(iso)).toBe(new Intl.DateTimeFormat(undefined, { dateStyle: "medium" }).format(at));
    expect(formatTime(iso)).toBe(new Intl.DateTimeFormat(undefined, { timeStyle: "short" }).format(at));
    // Never the ISO-ish "2026-12-01 19:23 UTC" that one screen used to print.
    expect(formatDateTime(iso)).not.toMatch(/UTC|^\d{4}-\d{2}-\d{2}/);
  });

  it("says a dash for no time, and gives back what it cannot read", () => {
    expect(formatDateTime(null)).toBe("—");
    expect(formatDateTime(undefined)).toBe("—");
    expect(formatDateTime("not a date")).toBe("not a date");
  });

  it("says how long ago, in words", () => {
    const now = at.getTime();
    expect(timeAgo(new Date(now - 20_000), now)).toBe("just now");
    expect(timeAgo(new Date(now - 5 * 60_000), now)).toBe(new Intl.RelativeTimeFormat(undefined, { numeric: "auto" }).format(-5, "minute"));
    expect(timeAgo(new Date(now - 26 * 3600_000), now)).toBe(new Intl.RelativeTimeFormat(undefined, { numeric: "auto" }).format(-1, "day"));
  });

  it("writes numbers in the same locale", () => {
    expect(formatNumber(525_600)).toBe(new Intl.NumberFormat(undefined).format(525_600));
  });
});
