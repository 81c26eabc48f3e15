import { expect, test } from "@playwright/test";
import { newChatter, uniqueName } from "./fixtures/test";
import { startParley } from "./fixtures/parley-server";

test("a message typed while the server is down goes out by itself, once, when it is back", async ({ browser }) => {
  test.setTimeout(120_000);
  const first = await startParley({ env: { SHUTDOWN_GRACE_SECONDS: "1" } });
  const { chat, context } = await newChatter(browser, first.url);
  let second: Awaited<ReturnType<typeof startParley>> | null = null;
  try {
    await chat.signUp(uniqueName("olga"), "Olga");
    await chat.send("before the outage");

    expect(await first.stop()).toBe(0);
    await expect(chat.page.getByText(/Reconnecting…/)).toBeVisible();
    await chat.type("typed during the outage");
    await chat.type("and a second one");
    await expect(chat.pending).toHaveCount(2);
    // Longer than the client's 10 s ack timeout: a long outage must not turn into "Not sent".
    await chat.page.waitForTimeout(12_000);
    await expect(chat.pending.filter({ hasText: "Not sent" })).toHaveCount(0);

    second = await startParley({ dataDir: first.dataDir, port: first.port });
    await expect(chat.exactMessage("typed during the outage")).toHaveCount(1, { timeout: 20_000 });
    await expect(chat.exactMessage("and a second one")).toHaveCount(1);
    await expect(chat.pending).toHaveCount(0);
    await expect(chat.bodies).toHaveText(["before the outage", "typed during the outage", "and a second one"]);

    // Stored once, in order: a reload reads them back from the server.
    await chat.page.reload();
    await chat.expectInChat();
    await expect(chat.bodies).toHaveText(["before the outage", "typed during the outage", "and a second one"]);
  } finally {
    await context.close();
    if (second) expect(await second.stop()).toBe(0);
  }
});

test("messages on the wire or queued at a kill -9 go out once, in order, after the restart", async ({ browser }) => {
  test.setTimeout(120_000);
  const first = await startParley();
  const { chat, context } = await newChatter(browser, first.url);
  let second: Awaited<ReturnType<typeof startParley>> | null = null;
  try {
    await chat.signUp(uniqueName("kim"), "Kim");
    await chat.send("before the crash");
    // A hung server: the first message goes on the wire and gets no answer, the rest wait.
    first.freeze();
    const burst = ["on the wire at the crash", "queued behind it", "and one more"];
    for (const text of burst) await chat.type(text);
    await expect(chat.pending).toHaveCount(3);
    await chat.page.waitForTimeout(500);
    await first.kill();
    await expect(chat.page.getByText(/Reconnecting…/)).toBeVisible();

    second = await startParley({ dataDir: first.dataDir, port: first.port });
    await expect(chat.pending).toHaveCount(0, { timeout: 20_000 });
    const expected = ["before the crash", ...burst];
    await expect(chat.bodies).toHaveText(expected);
    await chat.page.reload();
    await chat.expectInChat();
    await expect(chat.bodies).toHaveText(expected);
  } finally {
    await context.close();
    if (second) expect(await second.stop()).toBe(0);
  }
});
