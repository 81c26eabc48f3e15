import type { Page } from "@playwright/test";
import { test as base } from "@playwright/test";
import { io } from "socket.io-client";
import type { ParleyProcess } from "./fixtures/parley-server";
import { startParley } from "./fixtures/parley-server";
import { expect, newChatter, uniqueName } from "./fixtures/test";
import { AdminAudit } from "./pages/admin-audit";
import { AdminConsole } from "./pages/admin-console";
import { AdminReports } from "./pages/admin-reports";
import { AdminUsers } from "./pages/admin-users";

/** A fresh server per test: the first account signed up in it is the admin. */
const test = base.extend<{ fresh: ParleyProcess }>({
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
  await expect(audit.rowFor("temp-ban")).toContainText("minutes: 60");

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
  await expect.poll(() => authorFrames.some((f) => f.includes('"message:removed"') && f.includes(`"messageId":${messageId}`))).toBe(true);
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
