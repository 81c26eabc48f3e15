import type { ParleyProcess } from "./fixtures/parley-server";
import { startParley } from "./fixtures/parley-server";
import { expect, newChatter, test, uniqueName } from "./fixtures/test";
import { signedInClient } from "./pages/admin-api";
import { AdminConsole } from "./pages/admin-console";
import { watchCsp } from "./pages/csp-watch";

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

test("chat, console, profile, settings and the offline page run with zero CSP violations", async ({ browser }) => {
  const { context, chat } = await newChatter(browser, parley.url);
  const refused = await watchCsp(context);
  const { page } = chat;

  await chat.signUp(uniqueName("csp"), "Cass");
  await chat.send("hello under a strict policy");
  // next-themes' inline script ran (it needs the nonce): the theme class is on <html>.
  await expect(page.locator("html")).toHaveClass(/\b(light|dark)\b/);

  const desk = new AdminConsole(page);
  await page.goto("/admin");
  await desk.expectSection("Dashboard");
  await desk.open("Users");
  await desk.open("Messages");
  await expect(desk.main.getByText("Direct messages and whispers are private: they appear here only when someone reports them.")).toBeVisible();
  await expect(desk.main.getByText("hello under a strict policy")).toBeVisible();

  await page.goto("/settings/profile");
  await expect(page.getByRole("heading", { name: "Your profile" })).toBeVisible();
  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();

  // The offline page is a static file with a policy of its own: its script must still run.
  await page.evaluate(() => localStorage.setItem("parley-theme", "dark"));
  await page.goto("/offline.html");
  await expect(page.getByRole("heading", { name: "You're offline" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");

  // And as the service worker serves it, with the headers it was cached with.
  await page.goto("/");
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  await context.setOffline(true);
  await page.goto("/settings").catch(() => undefined);
  await expect(page.getByRole("heading", { name: "You're offline" })).toBeVisible();
  await context.setOffline(false);

  expect(refused).toEqual([]);
  await context.close();
});

test("the login, sign-up and 403 pages run with zero CSP violations", async ({ browser }) => {
  // Someone else is the admin even if this test gets a fresh server (after a failure, say).
  await (await signedInClient(parley.url, uniqueName("adm"), "Admin")).dispose();
  const { context, chat } = await newChatter(browser, parley.url);
  const refused = await watchCsp(context);
  await chat.page.goto("/login");
  await expect(chat.page.getByRole("button", { name: "Log in" })).toBeVisible();
  await chat.signUp(uniqueName("pln"), "Plain");
  await chat.page.goto("/admin");
  await expect(chat.page.getByRole("heading", { name: "You can't open this page" })).toBeVisible();
  await chat.page.getByRole("link", { name: "Back to chat" }).click();
  await chat.expectInChat();
  expect(refused).toEqual([]);
  await context.close();
});
