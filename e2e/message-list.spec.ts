import type { Page } from "@playwright/test";
import { startParley } from "./fixtures/parley-server";
import { expect, newChatter, test, uniqueName } from "./fixtures/test";

/**
 * Tab from the top of the page until the composer has focus (skip link not followed):
 * how many presses, how many landed on a message row, and how many inside the list.
 */
async function tabsToComposer(page: Page, composer: ReturnType<Page["getByRole"]>) {
  await page.evaluate(() => {
    document.body.tabIndex = -1;
    document.body.focus();
    document.body.removeAttribute("tabindex");
  });
  let rows = 0;
  let inList = 0;
  for (let presses = 1; presses <= 120; presses++) {
    await page.keyboard.press("Tab");
    const where = await page.evaluate(() => ({
      row: !!document.activeElement?.matches("li[data-row]"),
      list: !!document.activeElement?.closest('[aria-label="Messages"]'),
    }));
    rows += where.row ? 1 : 0;
    inList += where.list ? 1 : 0;
    if (await composer.evaluate((el) => el === document.activeElement)) return { presses, rows, inList };
  }
  return { presses: Number.POSITIVE_INFINITY, rows, inList };
}

test("messages group by author under date and New messages dividers; the toolbar's Report works by keyboard", async ({ browser }) => {
  // A server of its own: presence lines from other specs' people (which rightly break a group) stay out.
  const parley = await startParley();
  const ann = await newChatter(browser, parley.url);
  const ben = await newChatter(browser, parley.url);
  await ann.chat.signUp(uniqueName("ann"), "Ann Group");
  await ben.chat.signUp(uniqueName("ben"), "Ben Group");
  await ann.chat.send("first from Ann");
  await ann.chat.send("second from Ann");
  const page = ben.chat.page;
  const first = ben.chat.exactMessage("first from Ann");
  const second = ben.chat.exactMessage("second from Ann");
  await expect(second).toBeVisible();

  // Grouping: the name (and avatar) show once, on the first of Ann's messages.
  await expect(first.getByRole("button", { name: "Ann Group" })).toBeVisible();
  await expect(second.getByRole("button", { name: "Ann Group" })).toHaveCount(0);
  await expect(second).toHaveAttribute("data-compact", "true");
  // The compact row's time appears on hover, with the full date and time in its title.
  const compactTime = second.locator("time");
  await expect(compactTime).toHaveCSS("opacity", "0");
  await expect(compactTime).toHaveAttribute("title", /\d{4}.*\d{1,2}:\d{2}/);
  await second.hover();
  await expect(compactTime).toHaveCSS("opacity", "1");
  // A per-message action lives in the toolbar, hidden until hover or focus.
  await expect(second.getByRole("toolbar", { name: "Message actions" })).toBeVisible();
  await expect(first.getByRole("toolbar", { name: "Message actions" })).toHaveCSS("opacity", "0");

  // A date divider above today's messages; nothing unread, so no New messages divider.
  const today = page.getByRole("separator", { name: "Today" });
  await expect(today).toBeVisible();
  await expect(page.locator('[data-divider="unread"]')).toHaveCount(0);

  // Ben is away while Ann writes on; coming back, New messages marks where he left off.
  await page.goto("about:blank");
  await ann.chat.send("unread one");
  await ann.chat.send("unread two");
  await page.goto("/");
  await ben.chat.expectInChat();
  const divider = page.getByRole("separator", { name: "New messages" });
  await expect(divider).toBeVisible();
  await expect(page.locator('[data-divider="unread"] + li[data-kind="message"]')).toContainText("unread one");
  // The divider starts a new group: Ann's name shows again on her first unread message.
  await expect(ben.chat.exactMessage("unread one").getByRole("button", { name: "Ann Group" })).toBeVisible();
  await page.screenshot({ path: "test-results/screens/message-list.png" });

  // Keyboard: Tab from the top reaches the list on its newest message.
  await page.evaluate(() => {
    document.body.tabIndex = -1;
    document.body.focus();
    document.body.removeAttribute("tabindex");
  });
  const rows = page.locator("li[data-row]");
  for (let i = 0; i < 30 && !(await page.evaluate(() => !!document.activeElement?.closest('[aria-label="Messages"]'))); i++) await page.keyboard.press("Tab");
  await expect(ben.chat.exactMessage("unread two")).toBeFocused();
  await expect(rows.last()).toBeFocused();
  // Home and End jump; ↑ moves to the message before.
  await page.keyboard.press("Home");
  await expect(rows.first()).toBeFocused();
  await page.keyboard.press("End");
  await expect(ben.chat.exactMessage("unread two")).toBeFocused();
  await page.keyboard.press("ArrowUp");
  const target = ben.chat.exactMessage("unread one");
  await expect(target).toBeFocused();
  await expect(target.getByRole("toolbar", { name: "Message actions" })).toHaveCSS("opacity", "1");
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: "test-results/screens/message-toolbar-dark.png" });
  await page.emulateMedia({ colorScheme: "light" });
  // Tab reaches the toolbar (one stop, on its first button); ←/→ and Home/End move within it.
  await page.keyboard.press("Tab");
  await expect(target.getByRole("button", { name: "Add reaction" })).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(target.getByRole("button", { name: "Reply" })).toBeFocused();
  await page.keyboard.press("End");
  const report = target.getByRole("button", { name: "Report" });
  await expect(report).toBeFocused();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Report this message" });
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(report).toBeFocused();
  await page.keyboard.press("Enter");
  await dialog.getByLabel("Reason").selectOption("abuse");
  await dialog.getByLabel("Note (optional)").fill("rude");
  await dialog.getByRole("button", { name: "Send report" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Reported. A moderator will look at it." })).toBeVisible();
  await expect(target.getByRole("button", { name: "Reported" })).toBeVisible();

  // Tab from a message's toolbar leaves the list for the composer: one stop, not one per message.
  await ben.chat.exactMessage("unread two").focus();
  await page.keyboard.press("Tab");
  await expect(ben.chat.exactMessage("unread two").getByRole("button", { name: "Add reaction" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(ben.chat.composer).toBeFocused();
  await ann.context.close();
  await ben.context.close();
  expect(await parley.stop()).toBe(0);
});

test("the message list is one Tab stop, however many messages it holds", async ({ browser, parley }) => {
  const ann = await newChatter(browser, parley.url);
  const ben = await newChatter(browser, parley.url);
  await ann.chat.signUp(uniqueName("ann"), "Ann Tabs");
  await ben.chat.signUp(uniqueName("ben"), "Ben Tabs");
  for (const text of ["one from Ann", "two from Ann", "three from Ann"]) await ann.chat.send(text);
  for (const text of ["one from Ben", "two from Ben"]) await ben.chat.send(text);
  await expect(ben.chat.message("three from Ann")).toBeVisible();

  const withFive = await tabsToComposer(ben.chat.page, ben.chat.composer);
  // A third person, so nobody sends fast enough to meet the flood limit.
  const cat = await newChatter(browser, parley.url);
  await cat.chat.signUp(uniqueName("cat"), "Cat Tabs");
  for (const text of ["four from Cat", "five from Cat", "six from Cat", "seven from Cat"]) await cat.chat.send(text);
  await expect(ben.chat.message("seven from Cat")).toBeVisible();
  const withNine = await tabsToComposer(ben.chat.page, ben.chat.composer);
  // One message row takes focus; past it, only that message's own stops (its toolbar, at most a name).
  for (const run of [withFive, withNine]) {
    expect(run.rows).toBe(1);
    expect(run.inList).toBeLessThanOrEqual(3);
  }
  // Before the roving tabindex this was 19 and 27 presses: two stops (name, Report) per message from someone else.
  expect(withNine.presses).toBeLessThanOrEqual(withFive.presses + 2);
  // 14: the header's "Search messages" box is one more stop before the list than when this was 13.
  expect(withNine.presses).toBeLessThanOrEqual(14);
  const counts = `${withFive.presses} with 5 messages, ${withNine.presses} with 9`;
  test.info().annotations.push({ type: "tabs-to-composer", description: counts });
  console.log(`tabs to composer: ${counts}`);
  await ann.context.close();
  await ben.context.close();
  await cat.context.close();
});

test("on a phone, tapping a message shows its toolbar, and Report opens the dialog", async ({ browser, parley }) => {
  const ann = await newChatter(browser, parley.url);
  const ben = await newChatter(browser, parley.url, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await ann.chat.signUp(uniqueName("ann"), "Ann Phone");
  await ben.chat.signUp(uniqueName("ben"), "Ben Phone");
  await ann.chat.send("tap me, Ben");
  const message = ben.chat.exactMessage("tap me, Ben");
  const toolbar = message.getByRole("toolbar", { name: "Message actions" });
  await expect(toolbar).toHaveCSS("opacity", "0");
  await message.getByText("tap me, Ben").tap();
  await expect(toolbar).toHaveCSS("opacity", "1");
  await message.getByRole("button", { name: "Report" }).tap();
  await expect(ben.chat.page.getByRole("dialog", { name: "Report this message" })).toBeVisible();
  await ann.context.close();
  await ben.context.close();
});
