import type { Locator } from "@playwright/test";
import type { Socket } from "socket.io-client";
import { io } from "socket.io-client";
import { startParley } from "./fixtures/parley-server";
import { expect, newChatter, test, uniqueName } from "./fixtures/test";

const SEEDED = 3000;
const PAGE = 50;

type Ack = { ok: true; data: { id: number } } | { ok: false; error: { message: string } };

/** Sends `count` messages through the real socket API, a few in flight at once; returns the bodies oldest first (by stored id). */
async function seed(socket: Socket, roomId: string, count: number): Promise<string[]> {
  const stored: { id: number; body: string }[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const body = `seeded ${String(++next).padStart(4, "0")}`;
      const ack = await new Promise<Ack>((resolve) => socket.emit("message:send", { roomId, body, clientId: `virtual-seed-${next}-${Date.now()}` }, resolve));
      if (!ack.ok) throw new Error(`seeding "${body}" failed: ${ack.error.message}`);
      stored.push({ id: ack.data.id, body });
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return stored.sort((a, b) => a.id - b.id).map((m) => m.body);
}

/** Where a message's row is, from the top of the scroll box (null: not in the DOM). */
const offsetOf = (list: Locator, body: string) =>
  list.evaluate((el, text) => {
    const row = [...el.querySelectorAll<HTMLElement>('li[data-kind="message"]')].find((li) => li.querySelector("p.whitespace-pre-wrap")?.textContent === text);
    return row ? row.getBoundingClientRect().top - el.getBoundingClientRect().top : null;
  }, body);

/** The stream's length as the list tells assistive technology (most rows are not in the DOM). */
const setSize = (list: Locator) => list.locator("li[aria-setsize]").first().getAttribute("aria-setsize").then(Number);

test("a room with 3000 messages renders a window of rows; older pages keep the reader's place; keys and live messages work", async ({ browser }) => {
  test.setTimeout(180_000);
  // A server of its own: Ann is its first account, an admin, so seeding thousands of messages is not a flood.
  const parley = await startParley();
  const ann = await newChatter(browser, parley.url);
  await ann.chat.signUp(uniqueName("ann"), "Ann Seeder");
  const roomId = (await ann.chat.page.locator("main[data-room-id]").getAttribute("data-room-id"))!;
  const cookie = (await ann.context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const socket = io(parley.url, { transports: ["websocket"], extraHeaders: { cookie } });
  const bodies = await seed(socket, roomId, SEEDED);
  const newest = bodies.at(-1)!;
  const oldestOfPage = bodies[SEEDED - PAGE]!;

  const ben = await newChatter(browser, parley.url);
  const errors: string[] = [];
  ben.chat.page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  ben.chat.page.on("pageerror", (e) => errors.push(e.message));
  await ben.chat.signUp(uniqueName("ben"), "Ben Reader");
  const page = ben.chat.page;
  const list = ben.chat.messageList;
  const rows = list.locator("li[data-row]");

  // The newest page comes with the HTML, before any script: a tail of it, not all 3000.
  const html = await (await ben.context.request.get("/")).text();
  expect(html).toContain(newest);
  const served = html.match(/<li[^>]*data-kind="message"/g)?.length ?? 0;
  expect(served).toBeGreaterThan(10);
  expect(served).toBeLessThanOrEqual(PAGE);

  // At the bottom, newest in view; a window of the 50 loaded rows is in the DOM.
  await expect(ben.chat.exactMessage(newest)).toBeInViewport();
  await expect.poll(() => setSize(list)).toBe(PAGE + 1); // 50 messages and the Today divider
  expect(await rows.count()).toBeLessThan(PAGE);

  // Scrolling to the top loads the page before, once, and the reader stays where they were:
  // stop just short of where loading starts, note where the oldest message is, go on up.
  await list.evaluate((el) => el.scrollTo({ top: 125 }));
  await expect.poll(() => offsetOf(list, oldestOfPage)).not.toBeNull();
  await page.waitForTimeout(200);
  const before = (await offsetOf(list, oldestOfPage))!;
  expect(await setSize(list)).toBe(PAGE + 1);
  await list.evaluate((el) => el.scrollTo({ top: 105 }));
  await expect.poll(() => setSize(list)).toBe(2 * PAGE + 1);
  await page.waitForTimeout(300);
  expect(await setSize(list)).toBe(2 * PAGE + 1);
  const kept = (await offsetOf(list, oldestOfPage))!;
  // 20 px further down the screen for the 20 px scrolled up; 50 rows above it did not push it away.
  expect(Math.abs(kept - (before + 20))).toBeLessThan(8);
  await expect(ben.chat.exactMessage(oldestOfPage)).toBeInViewport();
  const placeKept = `oldest of the first page at ${before} px, then ${kept} px after 50 older rows came in above (20 px scrolled)`;
  test.info().annotations.push({ type: "place kept", description: placeKept });
  console.log(`place kept: ${placeKept}`);

  // More history keeps coming as the reader goes on up, while the DOM stays a window.
  for (let pages = 3; pages <= 6; pages++) {
    await list.evaluate((el) => el.scrollTo({ top: 0 }));
    await expect.poll(() => setSize(list)).toBe(pages * PAGE + 1);
  }
  expect(await rows.count()).toBeLessThan(80);

  // Keyboard: one Tab stop on the newest message, even though it is far out of the window.
  await page.evaluate(() => {
    document.body.tabIndex = -1;
    document.body.focus();
    document.body.removeAttribute("tabindex");
  });
  for (let i = 0; i < 30 && !(await page.evaluate(() => !!document.activeElement?.closest('[aria-label="Messages"]'))); i++) await page.keyboard.press("Tab");
  const newestRow = ben.chat.exactMessage(newest);
  await expect(newestRow).toBeFocused();
  await expect(newestRow).toBeInViewport();
  // ↑ moves to the message before.
  await page.keyboard.press("ArrowUp");
  await expect(ben.chat.exactMessage(bodies.at(-2)!)).toBeFocused();
  // Home jumps 300 messages up to the oldest loaded (mounted and scrolled to), and loads the page before it.
  const oldestLoaded = bodies[SEEDED - 6 * PAGE]!;
  await page.keyboard.press("Home");
  await expect(ben.chat.exactMessage(oldestLoaded)).toBeFocused();
  await expect(ben.chat.exactMessage(oldestLoaded)).toBeInViewport();
  await expect.poll(() => setSize(list)).toBe(7 * PAGE + 1);
  // Focus stayed on that message; ↑ now reaches the older page.
  await expect(ben.chat.exactMessage(oldestLoaded)).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await expect(ben.chat.exactMessage(bodies[SEEDED - 6 * PAGE - 1]!)).toBeFocused();
  expect(await rows.count()).toBeLessThan(80);
  // End jumps back to the newest.
  await page.keyboard.press("End");
  await expect(newestRow).toBeFocused();
  await expect(newestRow).toBeInViewport();

  // A live message lands at the bottom in view, and is read out once by the live region.
  await new Promise<Ack>((resolve) => socket.emit("message:send", { roomId, body: "live after the history", clientId: `virtual-live-${Date.now()}` }, resolve));
  const live = ben.chat.exactMessage("live after the history");
  await expect(live).toBeInViewport();
  const spoken = page.getByTestId("message-announcements");
  await expect(spoken.locator("p").last()).toHaveText("Ann Seeder: live after the history");
  const said = await spoken.locator("p").allTextContents();
  expect(said.filter((line) => line.includes("live after the history"))).toHaveLength(1);
  // Scrolling mounts other rows: none of them is announced.
  await list.evaluate((el) => el.scrollTo({ top: el.scrollHeight / 2 }));
  await page.waitForTimeout(300);
  expect(await spoken.locator("p").allTextContents()).toEqual(said);
  // Someone reading history is not pulled down by a new message.
  const reading = await list.evaluate((el) => el.scrollTop);
  await new Promise<Ack>((resolve) => socket.emit("message:send", { roomId, body: "second live one", clientId: `virtual-live-2-${Date.now()}` }, resolve));
  await expect(spoken.locator("p").last()).toHaveText("Ann Seeder: second live one");
  await page.waitForTimeout(300);
  expect(Math.abs((await list.evaluate((el) => el.scrollTop)) - reading)).toBeLessThan(5);
  await expect(ben.chat.exactMessage("second live one")).not.toBeInViewport();

  expect(errors.filter((e) => /hydrat/i.test(e))).toEqual([]);
  await page.emulateMedia({ colorScheme: "dark" });
  await page.setViewportSize({ width: 390, height: 844 });
  await list.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(ben.chat.exactMessage("second live one")).toBeInViewport();
  await page.screenshot({ path: "test-results/screens/message-list-virtual-phone-dark.png" });

  socket.disconnect();
  await ann.context.close();
  await ben.context.close();
  expect(await parley.stop()).toBe(0);
});
