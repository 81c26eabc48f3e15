import type { BrowserContext, Page } from "@playwright/test";
import { expect, personContext, test, uniqueName } from "./fixtures/test";

/**
 * Login and sign-up before (here: without) the page's JavaScript: the forms post to
 * a server action, errors come back as sentences on the re-rendered page, and the
 * password never appears in any address the browser requests or shows.
 */
const PASSWORD = "hunter2 correct horse";

async function scriptlessVisitor(browser: Parameters<typeof personContext>[0], baseURL: string) {
  const context = await personContext(browser, baseURL, { javaScriptEnabled: false });
  const page = await context.newPage();
  const requests: string[] = [];
  context.on("request", (request) => requests.push(`${request.method()} ${request.url()}`));
  page.on("framenavigated", (frame) => requests.push(`NAVIGATED ${frame.url()}`));
  return { context, page, requests };
}

function expectNoSecretIn(requests: string[], secret: string) {
  expect(requests.length).toBeGreaterThan(0);
  for (const line of requests) {
    expect(line).not.toContain(encodeURIComponent(secret));
    expect(line).not.toContain(secret);
    expect(line).not.toContain("password=");
  }
}

async function signedInAs(context: BrowserContext): Promise<string | undefined> {
  const session = (await (await context.request.get("/api/auth/session")).json()) as { user?: { username?: string } };
  return session.user?.username;
}

async function fillSignUp(page: Page, username: string, displayName: string, password: string) {
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Display name").fill(displayName);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign up" }).click();
}

test("without JavaScript, sign-up explains mistakes, then creates the account and signs in", async ({ browser, parley }) => {
  const name = uniqueName("nojs");
  const { context, page, requests } = await scriptlessVisitor(browser, parley.url);
  await page.goto("/signup");
  await expect(page.locator("form")).toHaveAttribute("method", /post/i);

  await fillSignUp(page, name, "No Script", "short");
  await expect(page.getByText("Password must be at least 8 characters")).toBeVisible();
  // What was typed (but never the password) is kept for the next try.
  await expect(page.getByLabel("Username")).toHaveValue(name);
  await expect(page.getByLabel("Password")).toHaveValue("");

  await fillSignUp(page, name, "No Script", PASSWORD);
  await expect(page).toHaveURL(`${parley.url}/`);
  expect(await signedInAs(context)).toBe(name);
  expectNoSecretIn(requests, PASSWORD);
  await context.close();

  const other = await scriptlessVisitor(browser, parley.url);
  await other.page.goto("/signup");
  await fillSignUp(other.page, name.toUpperCase(), "Imposter", "long enough");
  await expect(other.page.getByText("That username is taken")).toBeVisible();
  expect(await signedInAs(other.context)).toBeUndefined();
  await other.context.close();
});

test("without JavaScript, login says a wrong password is wrong and lets the right one in", async ({ browser, parley }) => {
  const name = uniqueName("nojs_login");
  const setup = await scriptlessVisitor(browser, parley.url);
  await setup.page.goto("/signup");
  await fillSignUp(setup.page, name, "Lena", PASSWORD);
  await expect(setup.page).toHaveURL(`${parley.url}/`);
  await setup.context.close();

  const { context, page, requests } = await scriptlessVisitor(browser, parley.url);
  await page.goto("/login");
  await expect(page.locator("form")).toHaveAttribute("method", /post/i);
  await page.getByLabel("Username").fill(name);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Wrong username or password");
  await expect(page).toHaveURL(`${parley.url}/login`);
  expect(await signedInAs(context)).toBeUndefined();

  await page.getByLabel("Username").fill(name);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(`${parley.url}/`);
  expect(await signedInAs(context)).toBe(name);
  // The cookie is the session next-auth reads, out of reach of page scripts.
  const [cookie] = (await context.cookies()).filter((c) => c.name.endsWith("next-auth.session-token"));
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
  expectNoSecretIn(requests, PASSWORD);
  expectNoSecretIn(requests, "not the password");
  await context.close();
});
