import path from "node:path";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { test as base } from "@playwright/test";
import type { ParleyProcess } from "./fixtures/parley-server";
import { startParley } from "./fixtures/parley-server";
import { expect, personContext, uniqueName } from "./fixtures/test";
import { AdminConsole } from "./pages/admin-console";
import { expectAccessible } from "./pages/axe-scan";
import { RoomsPage } from "./pages/rooms-page";

/**
 * Every main screen, light and dark, on a laptop and a phone: scanned with axe-core for
 * serious and critical WCAG 2.1 AA problems, and photographed into test-results/screenshots/
 * for the next person to look at (Playwright clears test-results/ only when a run starts).
 */

type Theme = "light" | "dark";
const THEMES: Theme[] = ["light", "dark"];
const LAPTOP = { width: 1280, height: 800 };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } as const;

interface World {
  server: ParleyProcess;
  /** The first account, so the admin: signed-in cookies to open as many tabs as needed. */
  admin: Awaited<ReturnType<BrowserContext["storageState"]>>;
  bob: { name: string; display: string };
  room: string;
}

/** One server for the file: the admin, a friend who stays online, one who left, a DM and a private room. */
const test = base.extend<object, { world: World }>({
  world: [
    async ({ browser }, use) => {
      const server = await startParley({ env: { TRUST_PROXY: "true" } });
      const adminName = uniqueName("ada");
      const bob = { name: uniqueName("bob"), display: "Bob Builder" };
      const room = "vault";

      const ada = await person(browser, server.url);
      await ada.chat.signUp(adminName, "Ada Lovelace");
      const friend = await person(browser, server.url);
      await friend.chat.signUp(bob.name, bob.display);
      const gone = await person(browser, server.url);
      await gone.chat.signUp(uniqueName("cy"), "Cy Gone");
      await gone.chat.say("I'll be off for the evening");
      await gone.chat.logOut();
      await gone.context.close();

      await ada.chat.say("Good morning, everyone. The release notes are in #vault.");
      await friend.chat.say("Morning Ada! Reading them now.");
      await ada.chat.say("Thanks Bob — shout if anything is unclear.");
      await ada.chat.createRoom(room, { kind: "Private", password: "open sesame" });
      await ada.chat.say("Only people with the password see this.");
      await ada.chat.run(`/msg ${bob.name} Can you review the rollout plan today?`);
      await expect(ada.chat.heading(bob.display)).toBeVisible();
      await friend.chat.conversationLink("Ada Lovelace").click();
      await expect(friend.chat.heading("Ada Lovelace")).toBeVisible();
      await friend.chat.say("Sure, after lunch.");
      const admin = await ada.context.storageState();
      await ada.context.close();

      await use({ server, admin, bob, room });
      await friend.context.close();
      await server.stop();
    },
    // Four sign-ups and a conversation on a shared two-core machine: more than one test's minute.
    { scope: "worker", timeout: 180_000 },
  ],
});

async function person(browser: Browser, url: string, options: Parameters<Browser["newContext"]>[0] = {}) {
  const context = await personContext(browser, url, options);
  return { context, chat: new RoomsPage(await context.newPage()) };
}

/** A tab with the theme the system asks for (next-themes follows it until the user picks one). */
async function open(browser: Browser, world: World, theme: Theme, options: Parameters<Browser["newContext"]>[0] = {}) {
  const { context, chat } = await person(browser, world.server.url, { viewport: LAPTOP, colorScheme: theme, storageState: world.admin, ...options });
  return { context, chat, page: chat.page };
}

async function expectTheme(page: Page, theme: Theme) {
  await expect(page.locator("html")).toHaveClass(theme === "dark" ? /\bdark\b/ : /^(?!.*\bdark\b)/);
}

async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: path.join(test.info().project.outputDir, "screenshots", `${name}.png`) });
}

async function openChat(page: Page, chat: RoomsPage, theme: Theme) {
  await page.goto("/");
  await expect(chat.heading("# general")).toBeVisible();
  await expect(chat.message("Thanks Bob")).toBeVisible();
  await expectTheme(page, theme);
}

for (const theme of THEMES) {
  test(`chat, its dialogs, the command palette and a DM pass axe (${theme})`, async ({ browser, world }) => {
    // Nine scans; on a shared two-core machine one has taken two minutes.
    test.setTimeout(240_000);
    const { context, chat, page } = await open(browser, world, theme);
    await openChat(page, chat, theme);
    await expect(page.getByRole("complementary", { name: "Online users" }).getByText(world.bob.display)).toBeVisible();
    await expectAccessible(page, `chat (${theme})`);
    await screenshot(page, `chat-${theme}`);

    await chat.input.fill("/");
    await expect(page.getByRole("listbox", { name: "Commands" })).toBeVisible();
    await expectAccessible(page, `command palette (${theme})`);
    await screenshot(page, `command-palette-${theme}`);
    await chat.input.fill("");

    for (const name of ["Create room", "Browse rooms", "Room settings"]) {
      await page.getByRole("button", { name, exact: true }).click();
      const dialog = page.getByRole("dialog", { name });
      await expect(dialog).toBeVisible();
      if (name === "Browse rooms") await expect(dialog.getByRole("listitem").filter({ hasText: "# general" })).toBeVisible();
      await expectAccessible(page, `${name} dialog (${theme})`);
      await page.keyboard.press("Escape");
      await expect(dialog).toBeHidden();
    }

    await chat.message("Morning Ada").getByRole("button", { name: world.bob.display }).click();
    const card = page.getByRole("dialog", { name: "User" });
    await expect(card).toBeVisible();
    await expectAccessible(page, `user card (${theme})`);
    await page.keyboard.press("Escape");

    await chat.roomLink(world.room).click();
    await expect(chat.heading(`# ${world.room}`)).toBeVisible();
    await expectAccessible(page, `private room (${theme})`);

    await chat.conversationLink(world.bob.display).click();
    await expect(chat.heading(world.bob.display)).toBeVisible();
    await expect(chat.message("Sure, after lunch.")).toBeVisible();
    await expectAccessible(page, `direct message (${theme})`);
    await screenshot(page, `dm-${theme}`);
    await context.close();
  });

  test(`profile and settings pass axe (${theme})`, async ({ browser, world }) => {
    const { context, page } = await open(browser, world, theme);
    await page.goto("/settings/profile");
    await expect(page.getByRole("heading", { name: "Your profile" })).toBeVisible();
    await expectTheme(page, theme);
    await expect(page.getByText("Checking this browser…")).toHaveCount(0);
    await expectAccessible(page, `profile (${theme})`);
    await screenshot(page, `profile-${theme}`);

    await page.goto("/settings");
    await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
    await expectAccessible(page, `settings (${theme})`);
    await screenshot(page, `settings-${theme}`);
    await context.close();
  });

  test(`login and sign-up pass axe (${theme})`, async ({ browser, world }) => {
    const context = await personContext(browser, world.server.url, { viewport: LAPTOP, colorScheme: theme });
    const page = await context.newPage();
    await page.goto("/login");
    await expect(page.getByRole("heading", { name: "Log in" })).toBeVisible();
    await expectTheme(page, theme);
    await expectAccessible(page, `login (${theme})`);
    await screenshot(page, `login-${theme}`);
    // A failed attempt shows its error line: that state must read well too.
    await page.getByLabel("Username").fill("nobody_here");
    await page.getByLabel("Password").fill("wrong password");
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Wrong username or password" })).toBeVisible();
    await expectAccessible(page, `login with an error (${theme})`);

    await page.goto("/signup");
    await expect(page.getByRole("heading", { name: "Create your account" })).toBeVisible();
    await expectAccessible(page, `sign-up (${theme})`);
    await screenshot(page, `signup-${theme}`);
    await context.close();
  });

  test(`every moderation console page passes axe (${theme})`, async ({ browser, world }) => {
    test.setTimeout(180_000);
    const { context, page } = await open(browser, world, theme);
    const admin = new AdminConsole(page);
    await page.goto("/admin");
    await expectTheme(page, theme);
    for (const section of ["Dashboard", "Users", "Messages", "Reports", "Spam log", "Audit log", "Settings"] as const) {
      await admin.open(section);
      await expect(admin.main.getByText(/Loading/)).toHaveCount(0);
      await expectAccessible(page, `console ${section} (${theme})`);
      if (section === "Dashboard" || section === "Users") await screenshot(page, `console-${section.toLowerCase()}-${theme}`);
    }
    await context.close();
  });

  test(`on a phone, chat, its drawers, a DM, profile, settings, the console and login pass axe (${theme})`, async ({ browser, world }) => {
    test.setTimeout(240_000);
    const { context, chat, page } = await open(browser, world, theme, { ...PHONE });
    await openChat(page, chat, theme);
    await expectAccessible(page, `phone chat (${theme})`);
    await screenshot(page, `chat-phone-${theme}`);

    await page.getByRole("button", { name: /Open online users/ }).click();
    await expect(page.getByRole("dialog", { name: "Online users" })).toBeVisible();
    await expectAccessible(page, `phone online drawer (${theme})`);
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "Open rooms" }).click();
    const rooms = page.getByRole("dialog", { name: "Rooms" });
    await expect(rooms).toBeVisible();
    await expectAccessible(page, `phone rooms drawer (${theme})`);
    await rooms.getByRole("link", { name: new RegExp(`^${world.bob.display}`) }).click();
    await expect(chat.heading(world.bob.display)).toBeVisible();
    await expect(chat.message("Sure, after lunch.")).toBeVisible();
    await expectAccessible(page, `phone direct message (${theme})`);
    await screenshot(page, `dm-phone-${theme}`);

    await page.goto("/settings/profile");
    await expect(page.getByRole("heading", { name: "Your profile" })).toBeVisible();
    await expect(page.getByText("Checking this browser…")).toHaveCount(0);
    await expectAccessible(page, `phone profile (${theme})`);
    await screenshot(page, `profile-phone-${theme}`);
    await page.goto("/settings");
    await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
    await expectAccessible(page, `phone settings (${theme})`);
    await screenshot(page, `settings-phone-${theme}`);

    const admin = new AdminConsole(page);
    await page.goto("/admin");
    for (const section of ["Dashboard", "Users"] as const) {
      await admin.open(section);
      await expect(admin.main.getByText(/Loading/)).toHaveCount(0);
      await expectAccessible(page, `phone console ${section} (${theme})`);
      await screenshot(page, `console-${section.toLowerCase()}-phone-${theme}`);
    }

    const stranger = await personContext(browser, world.server.url, { ...PHONE, colorScheme: theme });
    const login = await stranger.newPage();
    await login.goto("/login");
    await expect(login.getByRole("heading", { name: "Log in" })).toBeVisible();
    await expectAccessible(login, `phone login (${theme})`);
    await screenshot(login, `login-phone-${theme}`);
    await stranger.close();
    await context.close();
  });
}
