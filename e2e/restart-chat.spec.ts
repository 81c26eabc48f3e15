import { expect, test } from "@playwright/test";
import { newChatter, uniqueName } from "./fixtures/test";
import type { ParleyProcess } from "./fixtures/parley-server";
import { startParley } from "./fixtures/parley-server";
import type { ChatPage } from "./pages/chat-page";

/**
 * How many Ctrl+C restarts the two chatters live through. Issue #10 asked for 20;
 * each round costs a server start and a reconnect (~10 s on the 2-core CI box), so
 * CI runs 5. Set PARLEY_E2E_RESTARTS=20 to run the long version.
 */
const RESTARTS = Number(process.env.PARLEY_E2E_RESTARTS ?? 5);

// The list is virtual (rows near the viewport only): read the whole stream by scrolling it.
const bodies = (chat: ChatPage) => chat.readStream();

test(`two people chat across ${RESTARTS} Ctrl+C restarts and every message shows exactly once`, async ({ browser }) => {
  test.setTimeout(60_000 + RESTARTS * 30_000);
  let server: ParleyProcess = await startParley({ env: { SHUTDOWN_GRACE_SECONDS: "1" } });
  const { dataDir, port } = server;
  const ann = await newChatter(browser, server.url);
  const ben = await newChatter(browser, server.url);
  const sent: string[] = [];
  try {
    await ann.chat.signUp(uniqueName("ann"), "Ann");
    await ben.chat.signUp(uniqueName("ben"), "Ben");
    for (let round = 1; round <= RESTARTS; round++) {
      for (const [who, chat] of [
        ["ann", ann.chat],
        ["ben", ben.chat],
      ] as const) {
        const text = `${who} round ${round}`;
        await chat.send(text);
        sent.push(text);
      }
      // The last messages before Ctrl+C are typed without waiting for their acks.
      await ann.chat.type(`ann last before restart ${round}`);
      await ben.chat.type(`ben last before restart ${round}`);
      sent.push(`ann last before restart ${round}`, `ben last before restart ${round}`);
      expect(await server.stop()).toBe(0);
      await ann.chat.type(`ann while down ${round}`);
      sent.push(`ann while down ${round}`);
      server = await startParley({ dataDir, port, env: { SHUTDOWN_GRACE_SECONDS: "1" } });
      for (const chat of [ann.chat, ben.chat]) {
        await expect(chat.page.getByRole("status")).toHaveCount(0, { timeout: 20_000 });
        await expect(chat.pending).toHaveCount(0, { timeout: 20_000 });
      }
    }
    const by = (who: string, texts: string[]) => texts.filter((t) => t.startsWith(who));
    for (const chat of [ann.chat, ben.chat]) {
      await expect(chat.exactMessage(sent.at(-1)!)).toHaveCount(1, { timeout: 20_000 });
      const shown = await bodies(chat);
      expect([...shown].sort()).toEqual([...sent].sort());
      // Each person's messages in the order they were sent.
      for (const who of ["ann", "ben"]) expect(by(who, shown)).toEqual(by(who, sent));
      await chat.page.reload();
      await chat.expectInChat();
      await expect(chat.exactMessage(sent.at(-1)!)).toHaveCount(1);
      // A reload shows the newest page (50) of what the server stored: each once.
      const stored = await bodies(chat);
      expect(stored).toHaveLength(Math.min(sent.length, 50));
      expect(new Set(stored).size).toBe(stored.length);
      expect(stored.every((t) => sent.includes(t))).toBe(true);
    }
  } finally {
    await ann.context.close();
    await ben.context.close();
    expect(await server.stop()).toBe(0);
  }
});
