import { describe, expect, it } from "vitest";
import type { StrikeRecord } from "@/lib/server/services/moderation/spam-guard";
import { createSpamGuard } from "@/lib/server/services/moderation/spam-guard";
import { defaultModerationSettings } from "@/lib/server/services/moderation/settings";

const fresh: StrikeRecord = { strikes: 0, lastSpamAt: null };
const base = () => createSpamGuard({ settings: () => defaultModerationSettings() });
/** The guard as the gate uses it: a ban verdict is sized from the user's strikes. */
const guard = () => {
  const g = base();
  return {
    check(userId: string, text: string, now: number, record: StrikeRecord) {
      const verdict = g.check(userId, text, now);
      return verdict.kind === "ban" ? { ...verdict, ...g.escalate(record, now) } : verdict;
    },
  };
};

describe("flood detection (5 messages / 5 s)", () => {
  it("lets 4 messages through and warns on the 5th within the window", () => {
    const g = guard();
    for (let i = 0; i < 4; i++) expect(g.check("u", `m${i}`, 1000 + i * 1000, fresh).kind).toBe("ok");
    expect(g.check("u", "m4", 4999, fresh)).toEqual({ kind: "warn", rule: "flood", counts: "5 messages in 5 s" });
  });

  it("does not count messages that left the window", () => {
    const g = guard();
    for (let i = 0; i < 4; i++) g.check("u", `m${i}`, i * 1000, fresh);
    // The first left the window exactly 5 s later: only 4 remain.
    expect(g.check("u", "m4", 5000, fresh).kind).toBe("ok");
  });

  it("escalates a repeat within a minute to a ban: 1 min, 10 min, 1 h, 24 h, then 24 h again", () => {
    const g = guard();
    let t = 0;
    const flood = () => {
      let verdict = g.check("u", "x0", t, fresh);
      for (let i = 1; i < 5; i++) {
        t += 10;
        verdict = g.check("u", `x${i}`, t, fresh);
      }
      t += 1000;
      return verdict;
    };
    const bans: number[] = [];
    let record: StrikeRecord = { ...fresh };
    for (let round = 0; round < 5; round++) {
      expect(flood().kind).toBe("warn");
      const again = (() => {
        let verdict = g.check("u", "y0", t, record);
        for (let i = 1; i < 5; i++) {
          t += 10;
          verdict = g.check("u", `y${i}`, t, record);
        }
        return verdict;
      })();
      if (again.kind !== "ban") throw new Error(`expected a ban, got ${again.kind}`);
      bans.push(again.minutes);
      record = { strikes: again.strike, lastSpamAt: t };
      t += 120_000;
    }
    expect(bans).toEqual([1, 10, 60, 1440, 1440]);
  });

  it("forgets strikes after 24 h clean, and a warning after a minute", () => {
    const g = guard();
    const burst = (start: number, record: StrikeRecord) => {
      let verdict = g.check("u", "a", start, record);
      for (let i = 1; i < 5; i++) verdict = g.check("u", `a${i}`, start + i, record);
      return verdict;
    };
    expect(burst(0, fresh).kind).toBe("warn");
    // 61 s later the warning has lapsed: warned again, not banned.
    expect(burst(61_000, fresh).kind).toBe("warn");
    const veteran: StrikeRecord = { strikes: 3, lastSpamAt: 0 };
    const stillRemembered = burst(62_000, veteran);
    expect(stillRemembered).toMatchObject({ kind: "ban", minutes: 1440, strike: 4 });
    expect(burst(24 * 3_600_000 + 200_000, veteran).kind).toBe("warn");
    expect(burst(24 * 3_600_000 + 201_000, veteran)).toMatchObject({ kind: "ban", minutes: 1, strike: 1 });
  });
});

describe("duplicate flood (same text 3 times in 30 s)", () => {
  it("counts the same text case-insensitively and trips on the third", () => {
    const g = guard();
    expect(g.check("u", "Buy now", 0, fresh).kind).toBe("ok");
    expect(g.check("u", "something else", 10_000, fresh).kind).toBe("ok");
    expect(g.check("u", "buy NOW ", 20_000, fresh).kind).toBe("ok");
    expect(g.check("u", "buy now", 29_999, fresh)).toMatchObject({ kind: "warn", rule: "duplicate" });
  });

  it("lets the same text through when spread over more than 30 s", () => {
    const g = guard();
    expect(g.check("u", "hi", 0, fresh).kind).toBe("ok");
    expect(g.check("u", "hi", 15_000, fresh).kind).toBe("ok");
    expect(g.check("u", "hi", 30_000, fresh).kind).toBe("ok");
  });

  it("keeps users apart", () => {
    const g = guard();
    for (let i = 0; i < 4; i++) g.check("a", `m${i}`, i, fresh);
    expect(g.check("b", "m", 5, fresh).kind).toBe("ok");
  });
});
