import type { Page } from "@playwright/test";
import { request, test as base } from "@playwright/test";
import { io } from "socket.io-client";
import type { ParleyProcess } from "./fixtures/parley-server";
import { startParley } from "./fixtures/parley-server";
import { expect, newChatter, uniqueName } from "./fixtures/test";
import { AdminAudit } from "./pages/admin-audit";
import { AdminConsole } from "./pages/admin-console";
import { AdminReports } from "./pages/admin-reports";
import { callAdmin } from "./pages/admin-api";
import { AdminUsers } from "./pages/admin-users";

/** A fresh server per test: the first account signed up in it is the admin. */
const test = base.extend<{ fresh: ParleyProcess }>({
  // eslint-disable-next-line no-empty-pattern
  fresh: async ({}, use) => {
    const server = await startParley();
    await use(server);
    await server.stop();
  },
});

/** Keeps every text the page ever rendered that mentions a ban, even if it is replaced a moment later. */
async function recordBanTexts(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { banTexts: string[] }).banTexts = seen;
    const grab = (node: Node) => {
      const text = node.textContent ?? "";
      if (/banned/i.test(text)) seen.push(text);
    };
    new MutationObserver((mutations) => {
      for (const m of mutations) {
        if (m.type === "characterData") grab(m.target);
        m.addedNodes.forEach(grab);
      }
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
}

/** Everything Socket.IO pushed to the page, as raw frames. */
function recordSocketFrames(page: Page): string[] {
  const frames: string[] = [];
  page.on("websocket", (ws) => ws.on("framereceived", ({ payload }) => frames.push(String(payload))));
  return frames;
}

test("the first account is admin; a moderator bans a chatting user, who sees why, is logged out and can't log back in", async ({ browser, fresh }) => {
  test.setTimeout(180_000);
  const [adminName, modName, vicName] = [uniqueName("ada"), uniqueName("moe"), uniqueName("vic")];

  const admin = await newChatter(browser, fresh.url);
  await admin.chat.signUp(adminName, "Ada Admin");
  const adminConsole = new AdminConsole(admin.chat.page);
  await adminConsole.open("Users");
  await expect(new AdminUsers(adminConsole).row(adminName).getByRole("cell", { name: "admin", exact: true })).toBeVisible();

  const mod = await newChatter(browser, fresh.url);
  await mod.chat.signUp(modName, "Moe Moderator");
  const victim = await newChatter(browser, fresh.url);
  await recordBanTexts(victim.chat.page);
  await victim.chat.signUp(vicName, "Vic Tim");

  // The admin promotes Moe through the console.
  const adminUsers = new AdminUsers(adminConsole);
  await adminUsers.act(modName, "Change role", { role: "moderator", reason: "trusted regular", confirm: "Change role" });
  await expect(adminConsole.statusText("Moe Moderator is now a moderator.")).toBeVisible();
  await expect(adminUsers.row(modName).getByRole("cell", { name: "moderator", exact: true })).toBeVisible();
  await admin.context.close();

  // Vic is chatting in another browser when Moe bans them for an hour.
  await victim.chat.send("hello everyone, nice to be here");
  const modConsole = new AdminConsole(mod.chat.page);
  await modConsole.open("Users");
  const modUsers = new AdminUsers(modConsole);
  await modUsers.openAction(vicName, "Temp-ban");
  await expect(modConsole.dialog.getByLabel(/Also ban their last IP address/)).toHaveCount(0);
  await modConsole.dialog.getByRole("radio", { name: "1 h", exact: true }).check();
  await modConsole.confirm("Ban Vic Tim", "spamming links");
  await expect(modConsole.statusText("Vic Tim is banned for 1 h.")).toBeVisible();
  await expect(modUsers.row(vicName)).toContainText(/Banned until/);

  // Vic's screen shows the ban sentence, then the session ends and the login page says why.
  await expect
    .poll(() => victim.chat.page.evaluate(() => (window as unknown as { banTexts: string[] }).banTexts.join("\n")))
    .toMatch(/You have been banned until .* — reason: spamming links/);
  await expect(victim.chat.page).toHaveURL(/\/login\?reason=banned$/);
  // The login page gives the moderator's reason and the ban's end, as the console promised.
  await expect(victim.chat.page.getByRole("status")).toHaveText(/^You have been banned until \d{4}-\d\d-\d\d \d\d:\d\d UTC — reason: spamming links$/);

  // The audit log shows who did what to whom, and why.
  await modConsole.open("Audit log");
  const audit = new AdminAudit(modConsole);
  await audit.filter({ target: vicName });
  await expect(audit.rows).toHaveCount(1);
  await expect(audit.rowFor("temp-ban")).toContainText(`@${modName}`);
  await expect(audit.rowFor("temp-ban")).toContainText(`@${vicName}`);
  await expect(audit.rowFor("temp-ban")).toContainText("spamming links");
  // Details read as a sentence, not as the stored JSON.
  await expect(audit.rowFor("temp-ban").getByRole("cell").last()).toHaveText("for 1 h");

  // Logging in again shows the ban, its reason and its end (an hour from now).
  const before = Date.now();
  await victim.chat.logIn(vicName);
  const alert = victim.chat.page.getByRole("main").getByRole("alert");
  await expect(alert).toHaveText(/^You have been banned until \d{4}-\d\d-\d\d \d\d:\d\d UTC — reason: spamming links$/);
  const end = Date.parse(`${/until (\S+ \S+) UTC/.exec((await alert.textContent()) ?? "")?.[1]?.replace(" ", "T")}Z`);
  expect(Math.abs(end - (before + 3_600_000))).toBeLessThan(3 * 60_000);
  await expect(victim.chat.page).toHaveURL(/\/login/);
  await mod.context.close();
  await victim.context.close();
});

test("a reported message reaches the queue in context and is resolved by deleting it live", async ({ browser, fresh }) => {
  test.setTimeout(180_000);
  const [adminName, authorName, r1Name, r2Name] = [uniqueName("ada"), uniqueName("sam"), uniqueName("rita"), uniqueName("rob")];
  const admin = await newChatter(browser, fresh.url);
  await admin.chat.signUp(adminName, "Ada Admin");
  const author = await newChatter(browser, fresh.url);
  const authorFrames = recordSocketFrames(author.chat.page);
  await author.chat.signUp(authorName, "Spammy Sam");
  const reporters = [await newChatter(browser, fresh.url), await newChatter(browser, fresh.url)] as const;
  await reporters[0].chat.signUp(r1Name, "Rita Reporter");
  await reporters[1].chat.signUp(r2Name, "Rob Reporter");

  // The admin watches the dashboard while it happens: it updates without a reload.
  const desk = new AdminConsole(admin.chat.page);
  await desk.open("Dashboard");
  await expect(desk.main.getByTestId("stat-Open reports")).toHaveText("0");
  await expect(desk.main.getByText("No messages in the last hour.")).toBeVisible();

  await author.chat.send("before the spam");
  await author.chat.send("Buy cheap pills at pills.example");
  await author.chat.send("after the spam");
  await expect(reporters[0].chat.message("Buy cheap pills")).toBeVisible();

  const found = await admin.context.request.get("/api/admin/messages?text=cheap%20pills");
  const messageId = ((await found.json()) as { messages: Array<{ id: number }> }).messages[0]!.id;

  // Both reporters report it over the socket, as the chat's Report button does; a second report by the same person is refused.
  const report = async (who: (typeof reporters)[number], payload: object) => {
    const cookie = (await who.context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const socket = io(fresh.url, { transports: ["websocket"], extraHeaders: { cookie } });
    const ack = await new Promise<{ ok: boolean; error?: { message: string } }>((resolve) => socket.emit("message:report", payload, resolve));
    socket.disconnect();
    return ack;
  };
  expect(await report(reporters[0], { messageId, reason: "spam", note: "selling pills" })).toEqual({ ok: true, data: null });
  expect(await report(reporters[1], { messageId, reason: "abuse" })).toEqual({ ok: true, data: null });
  expect((await report(reporters[0], { messageId, reason: "other" })).error?.message).toBe("You already reported this message. A moderator will look at it.");

  // The live dashboard counts the messages and the reports, and links to the queue.
  await expect(desk.main.getByRole("img", { name: /^Messages per minute, last hour\. 3 messages in the last hour/ })).toBeVisible();
  await expect(desk.main.getByTestId("stat-Open reports")).toHaveText("2");
  await desk.main.getByRole("link", { name: "Review reports" }).click();
  await desk.expectSection("Reports");

  const reports = new AdminReports(desk);
  const card = reports.card("Spammy Sam");
  await expect(card).toContainText("2 reports");
  await expect(card.getByRole("region", { name: "Message in context" }).getByRole("listitem")).toHaveText([
    /before the spam/,
    /Buy cheap pills at pills\.example/,
    /after the spam/,
  ]);
  await expect(card.locator('[aria-current="true"]')).toContainText("Buy cheap pills");
  await expect(card.getByRole("region", { name: "Reporters" })).toContainText(`@${r1Name} — spam: “selling pills”`);
  await expect(card.getByRole("region", { name: "Reporters" })).toContainText(`@${r2Name} — abuse`);

  await reports.resolve(card, "Delete message", "selling pills", "Delete message");
  await expect(desk.statusText("Message removed; 2 reports closed.")).toBeVisible();
  await expect(desk.main.getByText("No open reports.")).toBeVisible();

  // Removed live: the server pushed the removal to the chatting author at once…
  await expect
    .poll(() => authorFrames.some((f) => f.includes('"message:updated"') && f.includes(`"id":${messageId},`) && f.includes('"removedBy":"moderator"')))
    .toBe(true);
  // …and the message search shows it removed, the audit log records both steps.
  await desk.open("Messages");
  await desk.main.getByLabel("Containing text").fill("cheap pills");
  await desk.main.getByRole("button", { name: "Search" }).click();
  await expect(desk.main.locator(`tr[data-message-id="${messageId}"]`)).toContainText("Removed by a moderator");
  await desk.open("Audit log");
  const audit = new AdminAudit(desk);
  await expect(audit.rowFor("resolve-report")).toContainText("selling pills");
  await expect(audit.rowFor("delete-message")).toContainText(`@${authorName}`);

  for (const c of [admin, author, ...reporters]) await c.context.close();
});

test("the console's tables sort by a header, page through users, fit a phone, read the audit log as text, and open the one user card", async ({ browser }) => {
  test.setTimeout(240_000);
  // Its own server trusting X-Forwarded-For, so 26 sign-ups from "different addresses" stay under the per-address limit.
  const server = await startParley({ env: { TRUST_PROXY: "true" } });
  try {
    const adminName = uniqueName("ada");
    const admin = await newChatter(browser, server.url);
    await admin.chat.signUp(adminName, "Ada Admin");
    const suffix = uniqueName("x").slice(2, 10);
    const names = Array.from({ length: 26 }, (_, i) => `pg${String(i).padStart(2, "0")}_${suffix}`);
    const api = await request.newContext({ baseURL: server.url });
    for (const [i, username] of names.entries()) {
      const created = await api.post("/api/signup", {
        data: { username, displayName: `Person ${i}`, password: "correct horse" },
        headers: { "x-forwarded-for": `10.77.0.${i + 1}` },
      });
      expect(created.status(), await created.text()).toBe(201);
    }
    await api.dispose();
    // The newest account is banned, so the first page (newest first) holds the widest status there is.
    const all = (await callAdmin(admin.context.request, "GET", "/api/admin/users?pageSize=100")).json as { users: Array<{ id: string; username: string }> };
    const newest = all.users.find((u) => u.username === names.at(-1))!;
    expect(
      (await callAdmin(admin.context.request, "POST", "/api/admin/actions", { userId: newest.id, action: "ban", minutes: 60, reason: "test" })).status,
    ).toBe(200);

    const desk = new AdminConsole(admin.chat.page);
    await desk.open("Users");
    const users = desk.main.getByRole("region", { name: "Users" });
    const rowNames = () => users.locator("tbody").getByRole("rowheader").allTextContents();
    const usernameHeader = users.getByRole("columnheader", { name: "Username" });
    const joinedHeader = users.getByRole("columnheader", { name: "Joined" });
    await expect(joinedHeader).toHaveAttribute("aria-sort", "descending");
    await expect(usernameHeader).toHaveAttribute("aria-sort", "none");
    await expect(users.getByRole("rowheader").first()).toHaveText(`@${names.at(-1)}`);

    // Sorting by a header: the th says how, and the rows follow, both ways.
    await usernameHeader.getByRole("button", { name: "Username" }).click();
    await expect(usernameHeader).toHaveAttribute("aria-sort", "ascending");
    await expect(joinedHeader).toHaveAttribute("aria-sort", "none");
    await expect(users.getByRole("rowheader").first()).toHaveText(`@${adminName}`);
    const ascending = await rowNames();
    expect(ascending).toHaveLength(25);
    expect(ascending).toEqual([...ascending].sort());
    await usernameHeader.getByRole("button", { name: "Username" }).click();
    await expect(usernameHeader).toHaveAttribute("aria-sort", "descending");
    await expect(users.getByRole("rowheader").first()).toHaveText(`@${names.at(-1)}`);
    const descending = await rowNames();
    expect(descending).toEqual([...descending].sort().reverse());

    // Paging: 27 people, 25 a page.
    const pager = desk.main.getByRole("navigation", { name: "Users pages" });
    await expect(pager).toContainText("Page 1 of 2");
    await expect(pager.getByRole("button", { name: "Previous" })).toBeDisabled();
    await pager.getByRole("button", { name: "Next" }).click();
    await expect(pager).toContainText("Page 2 of 2");
    await expect.poll(rowNames).toEqual([`@${names[0]}`, `@${adminName}`]);
    await expect(pager.getByRole("button", { name: "Next" })).toBeDisabled();
    await pager.getByRole("button", { name: "Previous" }).click();
    await expect(pager).toContainText("Page 1 of 2");

    // The one user card, from the console: the username opens it.
    await users.getByRole("button", { name: `@${names[3]}`, exact: true }).click();
    const consoleCard = admin.chat.page.getByRole("dialog", { name: "Person 3" });
    await expect(consoleCard).toContainText(`@${names[3]}`);
    await expect(consoleCard).toContainText("Not seen yet");
    await expect(consoleCard.locator("time")).toHaveAttribute("datetime", /^\d{4}-\d\d-\d\dT/);
    await expect(consoleCard.getByRole("link", { name: `Messages by @${names[3]}` })).toBeVisible();
    await admin.chat.page.keyboard.press("Escape");
    await expect(consoleCard).toBeHidden();

    // A settings change reaches the audit log as "label: old → new", never as JSON.
    await desk.open("Settings");
    const flood = desk.main.getByLabel("Flood: messages");
    const before = Number(await flood.inputValue());
    await flood.fill(String(before + 3));
    await desk.main.getByRole("button", { name: "Save settings" }).click();
    await expect(desk.statusText(/^Settings saved\./)).toBeVisible();
    await desk.open("Audit log");
    const audit = new AdminAudit(desk);
    const settingsRow = audit.rowFor("settings");
    await expect(settingsRow).toContainText(`Flood limit: ${before} → ${before + 3} messages`);
    await expect(settingsRow).not.toContainText("{");
    await expect(audit.rowFor("temp-ban")).toContainText("for 1 h");
    await expect(desk.main.getByRole("region", { name: "Audit log entries" })).not.toContainText("{");

    // On a phone the users table fits: no sideways scroll, and every row's actions are at hand.
    const phone = await browser.newContext({
      baseURL: server.url,
      storageState: await admin.context.storageState(),
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const phonePage = await phone.newPage();
    const phoneDesk = new AdminConsole(phonePage);
    await phonePage.goto("/admin/users");
    await phoneDesk.expectSection("Users");
    const phoneUsers = phoneDesk.main.getByRole("region", { name: "Users" });
    await expect(phoneUsers.getByRole("rowheader")).toHaveCount(25);
    await expect(phoneUsers.getByRole("row").filter({ hasText: names.at(-1)! })).toContainText("Banned until");
    const widths = await phonePage.evaluate(() => {
      const page = document.scrollingElement!;
      const box = document.querySelector('[role="region"][aria-label="Users"] [data-slot="table-container"]')!;
      return { page: [page.scrollWidth, page.clientWidth], table: [box.scrollWidth, box.clientWidth] };
    });
    expect(widths.page[0], JSON.stringify(widths)).toBeLessThanOrEqual(widths.page[1]!);
    expect(widths.table[0], JSON.stringify(widths)).toBeLessThanOrEqual(widths.table[1]!);
    const actions = new AdminUsers(phoneDesk).row(names.at(-1)!).getByRole("button", { name: `Actions for ${names.at(-1)}` });
    await expect(actions).toBeInViewport();
    await actions.click();
    await expect(phonePage.getByRole("menuitem", { name: "Unban", exact: true })).toBeInViewport();
    await phonePage.keyboard.press("Escape");
    await phone.close();

    // The same card from the chat's member list, with the chat's buttons, following a rename live.
    const other = await newChatter(browser, server.url);
    const otherName = uniqueName("olu");
    await other.chat.signUp(otherName, "Olu Other");
    await admin.chat.page.goto("/");
    await admin.chat.page
      .getByRole("complementary", { name: "Online users" })
      .getByRole("button", { name: /Olu Other/ })
      .click();
    const chatCard = admin.chat.page.getByRole("dialog", { name: "User" });
    await expect(chatCard.getByRole("heading", { name: "Olu Other" })).toBeVisible();
    await expect(chatCard).toContainText(`@${otherName}`);
    await expect(chatCard).toContainText("Online now");
    await expect(chatCard.getByRole("button", { name: "Message Olu Other" })).toBeVisible();
    await expect(chatCard.getByRole("button", { name: "Block Olu Other" })).toBeVisible();
    expect((await other.context.request.patch("/api/profile", { data: { displayName: "Olu Renamed", statusLine: "back soon" } })).status()).toBe(200);
    await expect(chatCard.getByRole("heading", { name: "Olu Renamed" })).toBeVisible();
    await expect(chatCard).toContainText("back soon");
    await other.context.close();
    await admin.context.close();
  } finally {
    await server.stop();
  }
});
