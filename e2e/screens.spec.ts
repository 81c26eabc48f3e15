import type { Locator } from "@playwright/test";
import { expect, newPerson, test, uniqueName } from "./pages/people";

/** What a newcomer notices on the main screens, at laptop and phone size. */

const LAPTOP = { viewport: { width: 1280, height: 800 } } as const;
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } as const;

const box = async (locator: Locator) => {
  const b = await locator.boundingBox();
  if (!b) throw new Error(`${locator} has no box`);
  return b;
};

for (const [size, options] of [
  ["laptop", LAPTOP],
  ["phone", PHONE],
] as const) {
  test(`the command palette stays above the composer, scrolls, and shows its last command whole (${size})`, async ({ browser, parley }) => {
    const { context, chat } = await newPerson(browser, parley.url, options);
    await chat.signUp(uniqueName("pal"), "Pal");
    const page = chat.page;
    await chat.input.fill("/");
    const palette = page.getByRole("listbox", { name: "Commands" });
    await expect(palette).toBeVisible();
    const paletteBox = await box(palette);
    const viewport = page.viewportSize() ?? { width: 0, height: 0 };
    // Bounded: it scrolls rather than growing over the conversation.
    expect(await palette.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
    expect(paletteBox.height).toBeLessThanOrEqual(viewport.height * 0.4);
    expect(paletteBox.y).toBeGreaterThanOrEqual(0);
    expect(paletteBox.y + paletteBox.height).toBeLessThanOrEqual((await box(chat.input)).y);

    // ArrowUp from the first command wraps to the last: it is scrolled into view, whole and on top.
    await chat.input.press("ArrowUp");
    const last = palette.getByRole("option").last();
    await expect(last).toHaveAttribute("aria-selected", "true");
    await expect(chat.input).toHaveAttribute("aria-activedescendant", (await last.getAttribute("id")) ?? "");
    const lastBox = await box(last);
    expect(lastBox.y).toBeGreaterThanOrEqual(paletteBox.y - 1);
    expect(lastBox.y + lastBox.height).toBeLessThanOrEqual(paletteBox.y + paletteBox.height + 1);
    const onTop = await last.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return [r.top + 2, r.top + r.height / 2, r.bottom - 2].every((y) => el.contains(document.elementFromPoint(r.left + r.width / 2, y)));
    });
    expect(onTop).toBe(true);
    // The composer keeps focus while the palette is open.
    await expect(chat.input).toBeFocused();
    await context.close();
  });
}

test("failures don't pile up in red: a new error replaces the last one", async ({ browser, parley }) => {
  const { context, chat } = await newPerson(browser, parley.url, LAPTOP);
  await chat.signUp(uniqueName("err"), "Err");
  const errors = chat.output.and(chat.page.locator('[data-tone="error"]'));
  await chat.run("/check nobody_at_all");
  await expect(errors).toHaveCount(1);
  await chat.run("/join no-such-room-here");
  await expect(errors).toHaveCount(1);
  await expect(errors).toContainText("no-such-room-here");
  // Plain output lines are history, not status: they still add up.
  await chat.run("/who");
  await chat.run("/who");
  await expect(chat.output.filter({ hasText: "Online now" })).toHaveCount(2);
  await context.close();
});

test("the profile page writes Avatar once, and every notification setting is on the Settings page", async ({ browser, parley }) => {
  const { context, chat } = await newPerson(browser, parley.url, LAPTOP);
  await chat.signUp(uniqueName("ava"), "Ava");
  const page = chat.page;

  // The chat offers desktop notifications with a real button, not something that looks like a field.
  const enable = page.getByRole("navigation", { name: "Conversations" }).getByRole("button", { name: "Enable desktop notifications" });
  await expect(enable).toBeVisible();
  expect(await enable.evaluate((el) => el.tagName)).toBe("BUTTON");

  await page.goto("/settings/profile");
  const main = page.getByRole("main");
  await expect(main.getByRole("heading", { name: "Avatar" })).toBeVisible();
  await expect(main.getByText("Avatar", { exact: true })).toHaveCount(1);
  await expect(page.getByLabel("Avatar", { exact: true })).toHaveAttribute("type", "file");
  await expect(main.getByText(/notification/i)).toHaveCount(0);
  await page.getByRole("link", { name: "Settings and notifications" }).click();

  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Desktop notifications" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Push notifications" })).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "Mute #general" })).toBeVisible();
  // On Settings too it is a button by look: filled, and not stretched across the page like a field.
  const settingsButton = page.getByRole("main").getByRole("button", { name: "Enable desktop notifications" });
  const [buttonBox, mainBox] = [await box(settingsButton), await box(page.getByRole("main"))];
  expect(buttonBox.width).toBeLessThan(mainBox.width / 2);
  const fill = await settingsButton.evaluate((el) => [getComputedStyle(el).backgroundColor, getComputedStyle(document.body).backgroundColor]);
  expect(fill[0]).not.toBe(fill[1]);
  await context.close();
});

test("'Back to chat' is one line, its arrow beside the words, on every page that has it", async ({ browser, parley }) => {
  const { context, chat } = await newPerson(browser, parley.url, PHONE);
  await chat.signUp(uniqueName("bac"), "Bac");
  const page = chat.page;
  for (const path of ["/settings/profile", "/settings"]) {
    await page.goto(path);
    const back = page.getByRole("link", { name: "Back to chat" });
    await expect(back).toBeVisible();
    const arrow = await box(back.locator("svg"));
    const link = await box(back);
    expect(link.height, path).toBeLessThanOrEqual(36);
    expect(arrow.y + arrow.height / 2, path).toBeCloseTo(link.y + link.height / 2, 0);
  }
  await context.close();
});
