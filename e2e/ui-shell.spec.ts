import { expect, newChatter, test, uniqueName } from "./fixtures/test";

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } as const;

test("after logging in, focus is in the composer", async ({ browser, parley }) => {
  const name = uniqueName("fay");
  const first = await newChatter(browser, parley.url);
  await first.chat.signUp(name, "Fay");
  await first.context.close();

  const { chat, context } = await newChatter(browser, parley.url);
  await chat.logIn(name);
  await chat.expectInChat();
  await expect(chat.composer).toBeFocused();
  await chat.page.keyboard.type("typed without a click");
  await expect(chat.composer).toHaveValue("typed without a click");
  await context.close();
});

test("a skip link is the first Tab stop and takes the keyboard to the composer", async ({ browser, parley }) => {
  const { chat, context } = await newChatter(browser, parley.url);
  await chat.signUp(uniqueName("gus"), "Gus");
  // Start the keyboard from the top of the page, as a fresh Tab would.
  await chat.page.evaluate(() => {
    document.body.tabIndex = -1;
    document.body.focus();
    document.body.removeAttribute("tabindex");
  });
  await chat.page.keyboard.press("Tab");
  const skip = chat.page.getByRole("link", { name: "Skip to message composer" });
  await expect(skip).toBeFocused();
  // Visible while focused, not only to screen readers.
  const box = await skip.boundingBox();
  expect(box?.width ?? 0).toBeGreaterThan(40);
  await chat.page.keyboard.press("Enter");
  await expect(chat.composer).toBeFocused();
  await context.close();
});

test("phone header: the room name is whole and the header is one line; the placeholder fits", async ({ browser, parley }) => {
  const { chat, context } = await newChatter(browser, parley.url, PHONE);
  await chat.signUp(uniqueName("hal"), "Hal");
  const page = chat.page;
  const title = page.getByRole("heading", { name: "# general", level: 1 });
  await expect(title).toBeVisible();
  // Not cut to "# …": the text fits its box.
  expect(await title.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);

  const header = page.locator("header").first();
  const headerBox = await header.boundingBox();
  expect(headerBox?.height ?? 999).toBeLessThanOrEqual(57);
  for (const control of [page.getByRole("button", { name: /Open online users/ }), page.getByRole("button", { name: "Log out" })]) {
    await expect(control).toBeVisible();
    const box = await control.boundingBox();
    // One line of text: a wrapped label would make the button taller than its 32 px row.
    expect(box?.height ?? 999).toBeLessThanOrEqual(36);
    expect(await control.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  }
  await expect(page.getByRole("button", { name: /Open online users/ })).toHaveText(/^\d+ online$/);

  // The placeholder, measured in the textarea's own font, fits inside its padding box.
  const fits = await chat.composer.evaluate((el) => {
    const area = el as HTMLTextAreaElement;
    const style = getComputedStyle(area);
    const context = document.createElement("canvas").getContext("2d");
    if (!context) return false;
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const room = area.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return area.placeholder.length > 0 && context.measureText(area.placeholder).width <= room;
  });
  expect(fits).toBe(true);

  // The page links moved into a menu on a phone; they are still one tap away.
  await page.getByRole("button", { name: "More" }).click();
  await expect(page.getByRole("menuitem", { name: "Profile" })).toBeVisible();
  await expect(page.getByRole("menuitem", { name: "Settings", exact: true })).toBeVisible();
  await page.keyboard.press("Escape");
  await page.screenshot({ path: "test-results/screens/chat-phone.png" });
  await context.close();
});

test("on a phone the rooms drawer keeps keyboard focus inside until it closes, then hands it back", async ({ browser, parley }) => {
  const { chat, context } = await newChatter(browser, parley.url, PHONE);
  await chat.signUp(uniqueName("max"), "Max");
  const page = chat.page;
  const opener = page.getByRole("button", { name: "Open rooms" });
  await opener.click();
  const drawer = page.getByRole("dialog", { name: "Rooms" });
  await expect(drawer).toBeVisible();
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press("Tab");
    expect(await drawer.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press("Escape");
  await expect(drawer).toBeHidden();
  await expect(opener).toBeFocused();
  await context.close();
});

test("toasts never cover the member list or the composer", async ({ browser, parley }) => {
  const alice = await newChatter(browser, parley.url, { viewport: { width: 1280, height: 800 } });
  await alice.chat.signUp(uniqueName("ivy"), "Ivy");
  const bob = await newChatter(browser, parley.url);
  const bobName = uniqueName("jon");
  await bob.chat.signUp(bobName, "Jon Toast");

  const toast = alice.chat.page.getByTestId("toast").filter({ hasText: "Jon Toast logged in" });
  await expect(toast).toBeVisible();
  const overlaps = (a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }) =>
    a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  const toastBox = await toast.boundingBox();
  const members = await alice.chat.page.getByRole("complementary", { name: "Online users" }).boundingBox();
  const composer = await alice.chat.page.locator("form", { has: alice.chat.composer }).boundingBox();
  expect(toastBox && members && composer).toBeTruthy();
  if (toastBox && members && composer) {
    expect(overlaps(toastBox, members)).toBe(false);
    expect(overlaps(toastBox, composer)).toBe(false);
  }
  await bob.context.close();
  await alice.context.close();
});

test("screenshots of the chat, light and dark, for the next person to look at", async ({ browser, parley }) => {
  for (const colorScheme of ["light", "dark"] as const) {
    const { chat, context } = await newChatter(browser, parley.url, { viewport: { width: 1280, height: 800 }, colorScheme });
    await chat.signUp(uniqueName(colorScheme === "light" ? "kit" : "lea"), colorScheme === "light" ? "Kit" : "Lea");
    await chat.send(`hello from the ${colorScheme} theme`);
    await expect(chat.page.locator("html")).toHaveClass(colorScheme === "dark" ? /dark/ : /^(?!.*dark)/);
    await chat.page.screenshot({ path: `test-results/screens/chat-${colorScheme}.png` });
    await context.close();
  }
});
