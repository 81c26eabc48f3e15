import type { Page } from "@playwright/test";
import { startParley } from "./fixtures/parley-server";
import { callAdmin, signedInClient } from "./pages/admin-api";
import { expect, newPerson, test, uniqueName } from "./pages/people";

/** Joins the secret room at `link` under `alias` (the page suggests the display name). */
async function joinAs(page: Page, link: string, alias: string) {
  await page.goto(link);
  await expect(page.getByText("The server can't read messages, but you trust the code it sends you; anyone with the link can read.")).toBeVisible();
  await page.getByLabel("Your alias in this room").fill(alias);
  await page.getByRole("button", { name: "Join" }).click();
  await expect(page.getByRole("textbox", { name: "Encrypted message" })).toBeVisible();
}

async function type(page: Page, line: string) {
  const box = page.getByRole("textbox", { name: "Encrypted message" });
  await box.fill(line);
  await box.press("Enter");
}

const messages = (page: Page) => page.getByRole("list", { name: "Secret messages" });

test("two people chat and whisper in a secret room by its link; a wrong key can't read it; only the creator kicks and stops", async ({ browser, parley }) => {
  const alice = await newPerson(browser, parley.url, { permissions: ["clipboard-read", "clipboard-write"] });
  await alice.chat.signUp(uniqueName("alice"), "Alice Liddell");
  await alice.chat.page.getByRole("link", { name: "New secret room" }).click();
  const linkBox = alice.chat.page.getByLabel("Secret room link");
  await expect(linkBox).toHaveValue(/\/s\/[A-Za-z0-9_-]{22}#[A-Za-z0-9_-]{43}$/);
  const link = await linkBox.inputValue();
  await expect(alice.chat.page.getByText("Anyone with this link can read this room. Parley's server never sees the key.")).toBeVisible();
  await alice.chat.page.getByRole("button", { name: "Copy link" }).click();
  await expect(alice.chat.page.getByRole("button", { name: "Link copied" })).toBeVisible();
  expect(await alice.chat.page.evaluate(() => navigator.clipboard.readText())).toBe(link);

  // The page names the room, so it sends no referrer; the key never reaches the server at all.
  const [address, key] = link.split("#") as [string, string];
  const headers = (await alice.chat.page.request.get(address)).headers();
  expect(headers["referrer-policy"]).toBe("no-referrer");
  const requested: string[] = [];
  for (const page of [alice.chat.page]) page.on("request", (request) => requested.push(request.url()));

  await alice.chat.page.getByRole("link", { name: "Open the room" }).click();
  await expect(alice.chat.page.getByLabel("Your alias in this room")).toHaveValue("Alice_Liddell");
  await joinAs(alice.chat.page, link, "alice");

  const bob = await newPerson(browser, parley.url);
  await bob.chat.signUp(uniqueName("bob"), "Bob Builder");
  bob.chat.page.on("request", (request) => requested.push(request.url()));
  await joinAs(bob.chat.page, link, "bob");
  await expect(messages(alice.chat.page)).toContainText("bob joined.");

  // A third person has the room's address but another key.
  const carol = await newPerson(browser, parley.url);
  await carol.chat.signUp(uniqueName("carol"), "Carol Danvers");
  const wrongKey = `${key.slice(0, 10)}${key[10] === "A" ? "B" : "A"}${key.slice(11)}`;
  await joinAs(carol.chat.page, `${address}#${wrongKey}`, "carol");

  await type(alice.chat.page, "hello **bob** <img src=x onerror=alert(1)>");
  await expect(messages(bob.chat.page).locator("strong", { hasText: "bob" })).toBeVisible();
  await expect(messages(bob.chat.page)).toContainText("<img src=x onerror=alert(1)>");
  await expect(messages(bob.chat.page).locator("img")).toHaveCount(0);
  await expect(messages(carol.chat.page)).toContainText("Couldn't decrypt this message");

  await type(alice.chat.page, "/purr bob psst, only you");
  await expect(messages(bob.chat.page)).toContainText("psst, only you");
  await type(alice.chat.page, "after the whisper");
  await expect(messages(bob.chat.page)).toContainText("after the whisper");
  // Carol got the two room messages (unreadable), never the whisper.
  await expect(messages(carol.chat.page).getByText("Couldn't decrypt this message")).toHaveCount(2);

  await type(bob.chat.page, "/kick carol");
  await expect(messages(bob.chat.page)).toContainText("Only the room's creator can kick members.");
  await type(bob.chat.page, "/stop");
  await expect(messages(bob.chat.page)).toContainText("Only the room's creator can stop this room.");

  await type(alice.chat.page, "/kick carol");
  await expect(carol.chat.page.getByText("The room's creator removed you from this secret room.")).toBeVisible();
  await expect(messages(alice.chat.page)).toContainText("carol was removed by the room's creator.");

  await type(alice.chat.page, "/stop");
  await expect(bob.chat.page.getByText("The room's creator stopped this secret room. Its messages are gone.")).toBeVisible();
  await expect(bob.chat.page.getByText("psst, only you")).toHaveCount(0);
  await expect(alice.chat.page.getByText("The room's creator stopped this secret room. Its messages are gone.")).toBeVisible();

  // The link is dead now (a fresh tab: going to the same address again would only move to its fragment).
  const again = await bob.context.newPage();
  await again.goto(link);
  await again.getByRole("button", { name: "Join" }).click();
  await expect(again.getByText(/^This secret room has ended/)).toBeVisible();

  expect(requested.some((url) => url.includes(key))).toBe(false);
  for (const person of [alice, bob, carol]) await person.context.close();
});

test("the sidebar offers New secret room only where the console lets this person create one", async ({ browser }) => {
  // A server of its own: its first account is the admin who changes the setting.
  const server = await startParley();
  try {
    const admin = await signedInClient(server.url, uniqueName("admin"), "Admin");
    const person = await newPerson(browser, server.url);
    await person.chat.signUp(uniqueName("dana"), "Dana");
    const link = person.chat.page.getByRole("link", { name: "New secret room" });
    await expect(link).toBeVisible();

    const { json } = await callAdmin(admin, "GET", "/api/admin/settings");
    const settings = json.settings as { secretRooms: { enabled: boolean; creatorRoles: string[]; memberLimit: number } };
    const save = (secretRooms: typeof settings.secretRooms) => callAdmin(admin, "PUT", "/api/admin/settings", { ...settings, secretRooms });
    expect((await save({ ...settings.secretRooms, creatorRoles: ["moderator", "admin"] })).status).toBe(200);
    await person.chat.page.reload();
    await expect(person.chat.page.getByRole("button", { name: "Create room" })).toBeVisible();
    await expect(link).toHaveCount(0);

    expect((await save({ ...settings.secretRooms, enabled: false })).status).toBe(200);
    await person.chat.page.goto("/s/new");
    await expect(person.chat.page.getByText("Secret rooms are turned off on this server.")).toBeVisible();

    expect((await save(settings.secretRooms)).status).toBe(200);
    await person.chat.page.goto("/");
    await expect(link).toBeVisible();
    await Promise.all([admin.dispose(), person.context.close()]);
  } finally {
    await server.stop();
  }
});
