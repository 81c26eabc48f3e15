import { describe, expect, it } from "vitest";
import { defaultModerationSettings } from "@/lib/server/services/moderation/settings";
import { createRedisSpamGuard } from "@/lib/server/services/moderation/spam-guard.redis";
import { redisTestNodes, unreachableRedis, warningsLog } from "@/tests/redis-test-nodes";

const redis = redisTestNodes("spam guard");
const settings = () => defaultModerationSettings();
const twoNodes = () => redis.nodes.map((client) => createRedisSpamGuard({ redis: client, settings, prefix: redis.prefix }));
const kinds = async (checks: Array<Promise<{ kind: string }>>) => (await Promise.all(checks)).map((v) => v.kind);

describe("Redis spam guard (two nodes; 5 messages / 5 s, 3 repeats / 30 s, 60 s repeat window)", () => {
  it("counts one person's flood across both nodes: the 5th message warns, a second flood bans", async (ctx) => {
    if (!redis.ready()) return ctx.skip();
    const [a, b] = twoNodes();
    const first = [];
    for (let i = 0; i < 4; i++) first.push(await (i % 2 ? b! : a!).check("alice", `m${i}`, Date.now()));
    expect(first.map((v) => v.kind)).toEqual(["ok", "ok", "ok", "ok"]);
    expect(await b!.check("alice", "m4", Date.now())).toEqual({ kind: "warn", rule: "flood", counts: "5 messages in 5 s" });
    const second = [];
    for (let i = 0; i < 5; i++) second.push(await (i % 2 ? a! : b!).check("alice", `n${i}`, Date.now()));
    expect(second.map((v) => v.kind)).toEqual(["ok", "ok", "ok", "ok", "ban"]);
    expect(second[4]).toEqual({ kind: "ban", rule: "flood", counts: "5 messages in 5 s" });
    expect(await a!.check("someone-else", "m0", Date.now())).toEqual({ kind: "ok" });
  });

  it("counts repeats of one text across nodes, case and spaces aside", async (ctx) => {
    if (!redis.ready()) return ctx.skip();
    const [a, b] = twoNodes();
    expect(await kinds([a!.check("bob", "Buy now", Date.now())])).toEqual(["ok"]);
    expect(await kinds([b!.check("bob", "other", Date.now())])).toEqual(["ok"]);
    expect(await kinds([b!.check("bob", "  buy NOW ", Date.now())])).toEqual(["ok"]);
    expect(await a!.check("bob", "buy now", Date.now())).toEqual({ kind: "warn", rule: "duplicate", counts: "same text 3 times in 30 s" });
  });

  it("a ban wipes every window on every node: older repeats stop counting and the next trip warns again", async (ctx) => {
    if (!redis.ready()) return ctx.skip();
    const noFlood = () => ({ ...settings(), flood: { messages: 100, windowSeconds: 5 } });
    const [a, b] = redis.nodes.map((client) => createRedisSpamGuard({ redis: client, settings: noFlood, prefix: redis.prefix }));
    const send = async (text: string, times: number) => {
      const out = [];
      for (let i = 0; i < times; i++) out.push((await (i % 2 ? a! : b!).check("carol", text, Date.now())).kind);
      return out;
    };
    expect(await send("spam", 3)).toEqual(["ok", "ok", "warn"]);
    expect(await send("other", 2)).toEqual(["ok", "ok"]);
    expect(await send("spam", 3)).toEqual(["ok", "ok", "ban"]);
    expect(await send("other", 1)).toEqual(["ok"]);
    expect(await send("other", 2)).toEqual(["ok", "warn"]);
  });

  it("escalates from the strikes given, as the in-memory guard does", async (ctx) => {
    if (!redis.ready()) return ctx.skip();
    const [a] = twoNodes();
    expect(a!.escalate({ strikes: 1, lastSpamAt: Date.now() - 1000 }, Date.now())).toEqual({ strike: 2, minutes: 10 });
  });

  it("fails open: with Redis gone, a message is let through at once with a warning", async () => {
    const dead = unreachableRedis();
    const log = warningsLog();
    const guard = createRedisSpamGuard({ redis: dead, settings, prefix: redis.prefix, logger: log.logger });
    const started = Date.now();
    expect(await guard.check("dave", "hello", Date.now())).toEqual({ kind: "ok" });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(log.lines.join("\n")).toMatch(/spam guard: Redis failed/);
    dead.disconnect();
  });
});
