import http from "node:http";
import { expect, newChatter, test, uniqueName } from "./fixtures/test";

test("dark mode persists across reloads without a flash of the light theme", async ({ browser, parley }) => {
  const { chat, context } = await newChatter(browser, parley.url, { colorScheme: "light" });
  await chat.signUp(uniqueName("erin"), "Erin");
  const html = chat.page.locator("html");
  await expect(html).not.toHaveClass(/dark/);

  await chat.page.getByRole("button", { name: "Switch to dark mode" }).click();
  await expect(html).toHaveClass(/dark/);

  // Record the theme as the document finishes parsing, before React hydrates.
  await chat.page.addInitScript(() => {
    document.addEventListener("DOMContentLoaded", () => {
      (window as unknown as { themeAtParse: string }).themeAtParse = document.documentElement.className;
    });
  });
  await chat.page.reload();
  expect(await chat.page.evaluate(() => (window as unknown as { themeAtParse: string }).themeAtParse)).toContain("dark");
  await expect(html).toHaveClass(/dark/);

  await chat.page.getByRole("button", { name: "Switch to light mode" }).click();
  await chat.page.reload();
  await expect(html).not.toHaveClass(/dark/);
  await context.close();
});

test("follows the system theme until the user chooses", async ({ browser, parley }) => {
  const { chat, context } = await newChatter(browser, parley.url, { colorScheme: "dark" });
  await chat.page.goto("/login");
  await expect(chat.page.locator("html")).toHaveClass(/dark/);
  await context.close();
});

test("on a phone-sized screen the sidebars become drawers", async ({ browser, parley }) => {
  const { chat, context } = await newChatter(browser, parley.url, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await chat.signUp(uniqueName("finn"), "Finn");
  await expect(chat.page.getByRole("complementary", { name: "Online users" })).toBeHidden();
  await expect(chat.composer).toBeVisible();

  await chat.page.getByRole("button", { name: /Open online users/ }).click();
  const drawer = chat.page.getByRole("dialog", { name: "Online users" });
  await expect(drawer).toBeVisible();
  await expect(drawer.getByText("Finn (you)")).toBeVisible();
  await chat.page.keyboard.press("Escape");
  await expect(drawer).toBeHidden();

  await chat.page.getByRole("button", { name: "Open rooms" }).click();
  await expect(chat.page.getByRole("dialog", { name: "Rooms" }).getByRole("link", { name: "# general" })).toBeVisible();
  await chat.page.getByRole("button", { name: "Close rooms" }).click();
  await expect(chat.page.getByRole("dialog", { name: "Rooms" })).toBeHidden();

  await chat.send("sent from a phone");
  await context.close();
});

test("signed-out visitors are sent to the login page", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("heading", { name: "Log in" })).toBeVisible();
});

test("a WebSocket upgrade to anything but Socket.IO is refused, not left hanging", async ({ parley }) => {
  // Next's page handling must never see Socket.IO's upgrades, and no other path speaks WebSocket.
  const status = await new Promise<number | undefined>((resolve, reject) => {
    const request = http.get(`${parley.url}/not-a-socket`, {
      headers: { Connection: "Upgrade", Upgrade: "websocket", "Sec-WebSocket-Version": "13", "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==" },
      timeout: 5000,
    });
    request.on("response", (response) => resolve(response.statusCode));
    request.on("upgrade", () => reject(new Error("upgraded")));
    request.on("timeout", () => reject(new Error("no answer within 5 s")));
    request.on("error", reject);
  });
  expect(status).toBe(404);
});
