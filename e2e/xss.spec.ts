import type { Locator } from "@playwright/test";
import { io } from "socket.io-client";
import type { ParleyProcess } from "./fixtures/parley-server";
import { startParley } from "./fixtures/parley-server";
import type { Formatted } from "./fixtures/hostile-strings";
import { BROKEN, CORPUS, formattingOf, HUGE, MARKUP, mentioning, OTHER, SHORT, shownText } from "./fixtures/hostile-strings";
import { expect, test, uniqueName } from "./fixtures/test";
import { cookieHeader } from "./pages/admin-api";
import { AdminConsole } from "./pages/admin-console";
import { AdminUsers } from "./pages/admin-users";
import { RoomsPage } from "./pages/rooms-page";
import { expectNoMarkup, xssWatchedContext } from "./pages/xss-watch";

/** A message's body reads exactly as `shown`, and renders as (and never as) what `formatted` says. */
async function expectRendered(message: Locator, payload: string, formatted = formattingOf(payload)) {
  const body = message.locator("[data-message-body]");
  // A full match: it waits out the plain text shown while the Markdown code loads.
  await expect(body).toHaveText(formatted ? formatted.shown : shownText(payload));
  for (const selector of formatted?.has ?? []) await expect(body.locator(selector), selector).not.toHaveCount(0);
  if (formatted?.hasNo) await expect(body.locator(formatted.hasNo), formatted.hasNo).toHaveCount(0);
}

/**
 * A server of this file's own (the shared worker server may already have an admin),
 * so the first account signed up here is the admin. It trusts X-Forwarded-For, as
 * personContext's addresses need.
 */
let parley: ParleyProcess;
test.beforeAll(async () => {
  parley = await startParley({ env: { TRUST_PROXY: "true" } });
});
test.afterAll(async () => {
  await parley?.stop();
});

test("hostile text in every field is shown as text and never runs, in chat and in the console", async ({ browser }) => {
  test.setTimeout(120_000);
  const ada = await xssWatchedContext(browser, parley.url);
  const bob = await xssWatchedContext(browser, parley.url);
  const adaChat = new RoomsPage(await ada.context.newPage());
  const bobChat = new RoomsPage(await bob.context.newPage());
  const bobName = uniqueName("bob");
  await adaChat.signUp(uniqueName("ada"), "Ada");
  await bobChat.signUp(bobName, "Bob");

  await test.step("message bodies: Ada types the whole corpus; both see each one as text or its Markdown, never markup", async () => {
    for (const payload of CORPUS) {
      await adaChat.composer.fill(payload);
      await adaChat.composer.press("Enter");
      await expect(adaChat.pending).toHaveCount(0);
      await expectRendered(adaChat.messages.last(), payload);
    }
    // The list is virtual (rows near the viewport only): read the whole stream by scrolling it.
    for (const chat of [adaChat, bobChat]) {
      await expectRendered(chat.messages.last(), HUGE);
      const shown = await chat.readStream();
      expect(shown).toEqual(CORPUS.map(shownText));
    }
    expect(await bobChat.messages.last().textContent()).toContain(HUGE);
    await expectNoMarkup(adaChat.page, ada.ran);
    await expectNoMarkup(bobChat.page, bob.ran);
  });

  await test.step("a mention among hostile formatting: the member's name is a mention, the rest text", async () => {
    const mention: Formatted = mentioning(bobName);
    await adaChat.composer.fill(mention.body);
    await adaChat.composer.press("Enter");
    await expect(adaChat.pending).toHaveCount(0);
    for (const chat of [adaChat, bobChat]) {
      await expectRendered(chat.messages.last(), mention.body, mention);
      const chips = chat.messages.last().locator("[data-mention]");
      await expect(chips).toHaveCount(1);
      await expect(chips).toHaveText(`@${bobName}`);
      await expect(chips).toHaveAttribute("data-mention", bobName);
    }
    await expectNoMarkup(adaChat.page, ada.ran);
    await expectNoMarkup(bobChat.page, bob.ran);
  });

  await test.step("/me and whispers", async () => {
    for (const payload of MARKUP.slice(0, 4)) await adaChat.run(`/me ${payload}`);
    for (const payload of BROKEN.slice(0, 4)) await adaChat.run(`/whisper ${bobName} ${payload}`);
    const actions = bobChat.page.locator('li[data-message-kind="me"]');
    const whispers = bobChat.page.locator('li[data-message-kind="whisper"]');
    await expect(actions).toHaveCount(4);
    await expect(whispers).toHaveCount(4);
    for (const [i, payload] of MARKUP.slice(0, 4).entries()) await expect(actions.nth(i)).toContainText(shownText(payload));
    for (const [i, payload] of BROKEN.slice(0, 4).entries()) await expect(whispers.nth(i)).toContainText(shownText(payload));
    await expect(whispers.first()).toContainText("whispered to you");
    await expectNoMarkup(bobChat.page, bob.ran);
  });

  await test.step("direct messages, in the conversation and the sidebar", async () => {
    const dms = [MARKUP[2]!, MARKUP[14]!, OTHER[0]!, OTHER[6]!];
    for (const [i, payload] of dms.entries()) {
      await adaChat.run(`/msg ${bobName} ${payload}`);
      // The first one switches to the conversation; the composer is new once it shows.
      await expect(adaChat.heading("Bob")).toBeVisible();
      await expect(adaChat.messages).toHaveCount(i + 1);
    }
    await bobChat.conversationLink("Ada").click();
    await expect(bobChat.heading("Ada")).toBeVisible();
    await expect(bobChat.messages).toHaveCount(dms.length);
    for (const [i, payload] of dms.entries()) await expectRendered(bobChat.messages.nth(i), payload);
    await expectNoMarkup(bobChat.page, bob.ran);
  });

  await test.step("room name is refused, description is shown as text in the header and the room browser", async () => {
    await adaChat.page.getByRole("button", { name: "Create room" }).click();
    const dialog = adaChat.page.getByRole("dialog", { name: "Create room" });
    await dialog.getByLabel("Room name").fill(SHORT[0]!);
    await dialog.getByLabel("Description").fill(MARKUP[10]!);
    await dialog.getByRole("button", { name: "Create room", exact: true }).click();
    await expect(dialog).toContainText("Room names may only use letters, digits, - and _");
    await dialog.getByLabel("Room name").fill("hostile");
    await dialog.getByRole("button", { name: "Create room", exact: true }).click();
    await expect(adaChat.heading("# hostile")).toBeVisible();
    await expect(adaChat.page.getByRole("banner")).toContainText(MARKUP[10]!);
    await bobChat.page.getByRole("button", { name: "Browse rooms" }).click();
    await expect(bobChat.page.getByRole("dialog", { name: "Browse rooms" })).toContainText(MARKUP[10]!);
    await expectNoMarkup(adaChat.page, ada.ran);
    await expectNoMarkup(bobChat.page, bob.ran);
    await bobChat.page.keyboard.press("Escape");
  });

  await test.step("display name and status line, in the stream, the user card and the console", async () => {
    const console = new AdminConsole(adaChat.page);
    for (const [i, displayName] of SHORT.entries()) {
      const statusLine = [...MARKUP, ...BROKEN][i * 7]!.slice(0, 80);
      const saved = await bob.context.request.patch("/api/profile", { data: { displayName, statusLine } });
      expect(saved.status(), await saved.text()).toBe(200);
      await adaChat.page.goto("/");
      await adaChat.messages.first().waitFor();
      if (i === 0) {
        await bobChat.page.goto("/");
        await bobChat.send(`hello from bob ${i}`);
      }
      // The author's name opens the card (the row's first button is now its toolbar's Report).
      await adaChat.message("hello from bob 0").getByTitle(`(@${bobName})`).click();
      const card = adaChat.page.getByRole("dialog", { name: "User" });
      await expect(card).toContainText(displayName);
      await expect(card).toContainText(statusLine.replace(/\s+/g, " ").trim());
      await expectNoMarkup(adaChat.page, ada.ran);
      await console.open("Users");
      await new AdminUsers(console).search(bobName);
      await expect(new AdminUsers(console).row(bobName)).toContainText(displayName);
      await expectNoMarkup(adaChat.page, ada.ran);
    }
  });

  await test.step("report notes, in the reports queue", async () => {
    const notes = [BROKEN[2]!, MARKUP[13]!, OTHER[7]!];
    const socket = io(parley.url, { transports: ["websocket"], extraHeaders: { cookie: await cookieHeader(bob.context.request) } });
    const { messages } = (await (await ada.context.request.get("/api/admin/messages")).json()) as { messages: Array<{ id: number }> };
    for (const [i, note] of notes.entries()) {
      const ack = await new Promise<{ ok: boolean }>((resolve) =>
        socket.emit("message:report", { messageId: messages[i + 1]!.id, reason: "abuse", note }, resolve),
      );
      expect(ack.ok, JSON.stringify(ack)).toBe(true);
    }
    socket.disconnect();
    const console = new AdminConsole(adaChat.page);
    await console.open("Reports");
    for (const note of notes) await expect(console.main).toContainText(note);
    await expectNoMarkup(adaChat.page, ada.ran);
  });

  await test.step("a kick reason, on the login page the kicked person lands on", async () => {
    const reason = `${BROKEN[6]!} ${OTHER[6]!}`;
    const console = new AdminConsole(adaChat.page);
    await console.open("Users");
    await new AdminUsers(console).act(bobName, "Kick", { reason, confirm: /^Kick / });
    await expect(bobChat.page).toHaveURL(/\/login/);
    await expect(bobChat.page.getByRole("main")).toContainText(reason);
    await expectNoMarkup(bobChat.page, bob.ran);
    await bobChat.logIn(bobName);
    await bobChat.expectInChat();
  });

  await test.step("a ban reason, in the console, on the banned person's screen and at their next login", async () => {
    const reason = `${MARKUP[0]!} ${BROKEN[4]!}`;
    const console = new AdminConsole(adaChat.page);
    await console.open("Users");
    await new AdminUsers(console).act(bobName, "Ban", { reason, confirm: /^Ban / });
    await expect(console.statusText(/is banned/)).toBeVisible();
    await console.open("Audit log");
    await expect(console.main).toContainText(reason);
    await expectNoMarkup(adaChat.page, ada.ran);

    await expect(bobChat.page).toHaveURL(/\/login\?reason=banned$/);
    await bobChat.logIn(bobName);
    await expect(bobChat.page.getByRole("main").getByRole("alert")).toContainText(`reason: ${reason}`);
    await expectNoMarkup(bobChat.page, bob.ran);
  });

  await ada.context.close();
  await bob.context.close();
});
