import type { Socket } from "socket.io-client";
import { io } from "socket.io-client";
import { startParley } from "./fixtures/parley-server";
import { expect, newChatter, test, uniqueName } from "./fixtures/test";

type Ack<T = { id: number }> = { ok: true; data: T } | { ok: false; error: { message: string } };

const emit = <T>(socket: Socket, event: string, payload: unknown) =>
  new Promise<T>((resolve, reject) =>
    socket.emit(event, payload, (ack: Ack<T>) => (ack.ok ? resolve(ack.data) : reject(new Error(`${event}: ${ack.error.message}`)))),
  );

let seq = 0;
const send = (socket: Socket, roomId: string, body: string, extra: Record<string, unknown> = {}) =>
  emit<{ id: number }>(socket, "message:send", { roomId, body, clientId: `search-e2e-${++seq}-${Date.now()}`, ...extra });

test("search from the header and with /search finds only readable messages; Jump to opens an old one highlighted", async ({ browser }) => {
  test.setTimeout(120_000);
  // A server of its own: Ann is its first account, an admin, so seeding history is not a flood.
  const parley = await startParley();
  const ann = await newChatter(browser, parley.url);
  const annName = uniqueName("ann");
  await ann.chat.signUp(annName, "Ann Writer");
  const cat = await newChatter(browser, parley.url);
  const catName = uniqueName("cat");
  await cat.chat.signUp(catName, "Cat Private");
  const ben = await newChatter(browser, parley.url);
  await ben.chat.signUp(uniqueName("ben"), "Ben Searcher");

  const roomId = (await ann.chat.page.locator("main[data-room-id]").getAttribute("data-room-id"))!;
  const cookie = (await ann.context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const socket = io(parley.url, { transports: ["websocket"], extraHeaders: { cookie } });
  try {
    // The one Ben may read, older than the first page (50) of #general, so the jump needs `around`.
    await send(socket, roomId, "The zebracorn report is ready for review");
    await send(socket, roomId, "zebracorn whispered to Cat only", { whisperTo: catName });
    const dm = await emit<{ id: string }>(socket, "dm:open", { usernames: [catName] });
    await send(socket, dm.id, "zebracorn in a direct message to Cat");
    for (let i = 0; i < 80; i++) await send(socket, roomId, `filler message ${i}`);
  } finally {
    socket.disconnect();
  }

  const page = ben.chat.page;
  await expect(ben.chat.message("filler message 79")).toBeVisible();
  await expect(ben.chat.message("zebracorn report")).toHaveCount(0);

  // The header's box: Enter searches.
  const box = page.getByRole("searchbox", { name: "Search messages" });
  await box.fill("zebracorn");
  await box.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Search messages" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText(/from:name in:#room has:link/)).toBeVisible();
  const results = dialog.getByTestId("search-result");
  await expect(results).toHaveCount(1);
  const hit = results.first();
  await expect(hit).toContainText("# general");
  await expect(hit).toContainText("Ann Writer");
  await expect(hit.locator("time")).toHaveAttribute("datetime", /^\d{4}-\d{2}-\d{2}T/);
  await expect(hit.locator("mark")).toHaveText(["zebracorn"]);
  await expect(dialog).not.toContainText("whispered to Cat");
  await expect(dialog).not.toContainText("direct message to Cat");

  // Nothing found: a sentence, not an empty box. Esc closes.
  const inDialog = dialog.getByRole("searchbox", { name: "Search for" });
  await inDialog.fill("zebracorn from:nobodyatall");
  await inDialog.press("Enter");
  await expect(dialog.getByText(/No messages you can read match/)).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);

  // /search opens the same results; ↓ moves from the box to the result, Enter jumps.
  await ben.chat.composer.fill(`/search zebracorn from:${annName}`);
  await ben.chat.composer.press("Enter");
  await expect(dialog).toBeVisible();
  await expect(results).toHaveCount(1);
  await expect(results.first().locator("mark")).toHaveText(["zebracorn"]);
  await inDialog.focus();
  await inDialog.press("ArrowDown");
  const jump = results.first().getByRole("button", { name: /^Jump to the message from Ann Writer/ });
  await expect(jump).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(dialog).toHaveCount(0);

  // The room opens at the old message, marked and focused, with history around it.
  const target = ben.chat.message("zebracorn report");
  await expect(target).toBeVisible();
  await expect(target).toHaveAttribute("data-jumped", "true");
  await expect(target).toBeFocused();
  await expect(ben.chat.message("filler message 79")).toHaveCount(0);

  // Scrolling down brings the newer pages until the newest message.
  const newer = page.getByRole("button", { name: "Load newer messages" });
  for (let i = 0; i < 10 && (await newer.count()); i++) {
    await ben.chat.messageList.evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    await page.waitForTimeout(300);
  }
  await expect(newer).toHaveCount(0);
  await expect(async () => {
    await ben.chat.messageList.evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    await expect(ben.chat.message("filler message 79")).toBeVisible({ timeout: 1000 });
  }).toPass();
  // Live again: a new message shows up at the end.
  await ann.chat.send("after the jump");
  await expect(ben.chat.message("after the jump")).toBeVisible();

  // On a phone, search is in the header's More menu.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(box).toBeHidden();
  await page.getByRole("button", { name: "More" }).click();
  await page.getByRole("menuitem", { name: "Search messages" }).click();
  await expect(dialog).toBeVisible();
  await expect(inDialog).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
});
