import { test as base } from "@playwright/test";
import type { ParleyProcess } from "./fixtures/parley-server";
import { startParley } from "./fixtures/parley-server";
import { AdminConsole } from "./pages/admin-console";
import { AdminUsers } from "./pages/admin-users";
import { expect, newPerson, uniqueName } from "./pages/people";

/** A fresh server per test: the first account signed up in it is the admin. */
const test = base.extend<{ fresh: ParleyProcess }>({
  fresh: async ({}, use) => {
    const server = await startParley({ env: { TRUST_PROXY: "true" } });
    await use(server);
    await server.stop();
  },
});

test("opening Profile and coming back never reads as logging out; a new name reaches the other's DM sidebar live", async ({ browser, fresh }) => {
  test.setTimeout(120_000);
  const [aliceName, bobName] = [uniqueName("alice"), uniqueName("bob")];
  const alice = await newPerson(browser, fresh.url);
  await alice.chat.signUp(aliceName, "Alice Liddell");
  const bob = await newPerson(browser, fresh.url);
  await bob.chat.signUp(bobName, "Bob Builder");
  await alice.chat.run(`/msg ${bobName} hello`);
  await expect(alice.chat.conversationLink("Bob Builder")).toBeVisible();
  const onlineList = alice.chat.page.getByRole("list", { name: "Online users" });
  await expect(onlineList.getByText("Bob Builder")).toBeVisible();

  const stream = alice.chat.messageList;
  const wentLines = stream.getByText(/(Bob|Robert) Builder logged out/);
  const cameLines = stream.getByText(/(Bob|Robert) Builder is online/);
  const came = await cameLines.count();

  // Bob spends longer on Profile than the socket's release delay and the server's grace together.
  await bob.chat.page.getByRole("link", { name: "Profile", exact: true }).click();
  await expect(bob.chat.page).toHaveURL(/\/settings\/profile$/);
  await bob.chat.page.getByLabel("Display name").fill("Robert Builder");
  await bob.chat.page.getByRole("button", { name: "Save" }).click();
  await expect(alice.chat.conversationLink("Robert Builder")).toBeVisible();
  await alice.chat.page.waitForTimeout(9_000);
  await expect(onlineList.getByText("Robert Builder")).toBeVisible();
  await bob.chat.page.getByRole("link", { name: "Back to chat" }).click();
  await bob.chat.expectInChat();
  await alice.chat.page.waitForTimeout(1_000);

  await expect(wentLines).toHaveCount(0);
  await expect(cameLines).toHaveCount(came);
  await alice.context.close();
  await bob.context.close();
});

test("a promoted moderator gets the Moderation link without a reload, and the console shows connected people online", async ({ browser, fresh }) => {
  test.setTimeout(120_000);
  const [adaName, moeName] = [uniqueName("ada"), uniqueName("moe")];
  const admin = await newPerson(browser, fresh.url);
  await admin.chat.signUp(adaName, "Ada Admin");
  const moe = await newPerson(browser, fresh.url);
  await moe.chat.signUp(moeName, "Moe Moderator");
  const moderationLink = moe.chat.page.getByRole("link", { name: "Moderation", exact: true });
  await expect(moderationLink).toHaveCount(0);

  const adminConsole = new AdminConsole(admin.chat.page);
  await adminConsole.open("Users");
  const users = new AdminUsers(adminConsole);
  // The admin is on the console (no chat on screen) and still connected; Moe is chatting.
  await users.search(adaName);
  await expect(users.row(adaName).getByRole("cell", { name: "Online", exact: true })).toBeVisible();
  await users.act(moeName, "Change role", { role: "moderator", reason: "trusted regular", confirm: "Change role" });
  await expect(adminConsole.statusText("Moe Moderator is now a moderator.")).toBeVisible();
  await expect(users.row(moeName).getByRole("cell", { name: "Online", exact: true })).toBeVisible();

  await expect(moderationLink).toBeVisible();
  await admin.context.close();
  await moe.context.close();
});

test("an empty login form says what to fill in", async ({ browser, fresh }) => {
  const visitor = await newPerson(browser, fresh.url);
  await visitor.chat.page.goto("/login");
  await visitor.chat.page.getByRole("button", { name: "Log in" }).click();
  await expect(visitor.chat.page.getByRole("main").getByRole("alert")).toHaveText("Enter your username and password.");
  await visitor.context.close();
});
