import { startParley } from "./fixtures/parley-server";
import { expect, newPerson, test, uniqueName } from "./pages/people";

test("the command palette filters, completes /jo to /join with Tab, and explains unknown commands", async ({ browser, parley }) => {
  const { chat, context } = await newPerson(browser, parley.url);
  await chat.signUp(uniqueName("pat"), "Pat");
  const palette = chat.page.getByRole("listbox", { name: "Commands" });

  await chat.input.fill("/");
  // Every command of the catalog, /search included.
  await expect(palette.getByRole("option")).toHaveCount(18);
  await expect(palette.getByRole("option", { name: /\/search <query>/ })).toBeVisible();
  await chat.input.pressSequentially("jo");
  await expect(palette.getByRole("option")).toHaveCount(1);
  await expect(palette.getByRole("option", { name: /\/join <room> \[password\]/ })).toHaveAttribute("aria-selected", "true");
  await expect(chat.input).toHaveAttribute("aria-activedescendant", "command-option-join");
  await chat.input.press("Tab");
  await expect(chat.input).toHaveValue("/join ");
  await expect(palette.getByRole("option")).toHaveText([/\/join <room> \[password\]/]);

  // Arrow keys move, Enter completes, Escape closes.
  await chat.input.fill("/l");
  await chat.input.press("ArrowDown");
  await expect(chat.input).toHaveAttribute("aria-activedescendant", "command-option-list");
  await chat.input.press("Enter");
  await expect(chat.input).toHaveValue("/list");
  await chat.input.fill("/w");
  await chat.input.press("Escape");
  await expect(palette).toBeHidden();

  await chat.input.fill("/foo");
  await chat.input.press("Enter");
  await expect(chat.page.getByRole("main").getByRole("alert")).toHaveText("Unknown command /foo — type /help");

  await chat.input.fill("/help");
  await chat.input.press("Enter");
  await expect(chat.output.filter({ hasText: "/create <room> [--private password] [--hidden] [--limit N]" })).toBeVisible();
  await chat.run("/me waves hello");
  await expect(chat.messages.filter({ hasText: "waves hello" })).toHaveText(/\*\s*Pat\s*waves hello/);
  await context.close();
});

test("a whisper reaches only its target; others in the room never see it", async ({ browser, parley }) => {
  const bobName = uniqueName("bob");
  const [alice, bob, carol] = await Promise.all([0, 1, 2].map(() => newPerson(browser, parley.url)));
  await alice!.chat.signUp(uniqueName("alice"), "Alice");
  await bob!.chat.signUp(bobName, "Bob");
  await carol!.chat.signUp(uniqueName("carol"), "Carol");

  await alice!.chat.run(`/whisper ${bobName} the cake is a lie`);
  await expect(alice!.chat.message("the cake is a lie")).toContainText("whispered to Bob");
  await expect(bob!.chat.message("the cake is a lie")).toContainText("whispered to you");
  await alice!.chat.say("nothing to see here");
  await expect(carol!.chat.message("nothing to see here")).toBeVisible();
  await expect(carol!.chat.message("the cake is a lie")).toHaveCount(0);
  for (const p of [alice, bob, carol]) await p!.context.close();
});

test("blocking refuses DMs with a sentence; the settings page unblocks", async ({ browser, parley }) => {
  const aliceName = uniqueName("alice");
  const bobName = uniqueName("bob");
  const alice = await newPerson(browser, parley.url);
  const bob = await newPerson(browser, parley.url);
  await alice.chat.signUp(aliceName, "Alice");
  await bob.chat.signUp(bobName, "Bob");

  await bob.chat.run(`/block ${aliceName}`);
  await expect(bob.chat.output.filter({ hasText: "Blocked Alice" })).toContainText("Blocking does not hide room messages");
  await alice.chat.run(`/msg ${bobName} hello?`);
  await expect(alice.chat.page.getByText(`${bobName} has blocked you — message not sent`).first()).toBeVisible();

  // Room messages still show both ways.
  await alice.chat.say("room message from alice");
  await expect(bob.chat.message("room message from alice")).toBeVisible();

  await bob.chat.page.getByRole("link", { name: "Settings" }).click();
  const blocked = bob.chat.page.getByRole("list", { name: "Blocked users" });
  await expect(blocked).toContainText(`@${aliceName}`);
  await bob.chat.page.getByRole("button", { name: "Unblock Alice" }).click();
  await expect(blocked.getByRole("listitem")).toHaveCount(0);
  await expect(bob.chat.page.getByText("You haven't blocked anyone.")).toBeVisible();
  await bob.chat.page.getByRole("link", { name: "Back to chat" }).click();
  await bob.chat.expectInChat();

  await alice.chat.run(`/msg ${bobName} hello again`);
  await expect(alice.chat.message("hello again")).toContainText(`delivered to ${bobName}`);
  await expect(bob.chat.conversationLink("Alice")).toContainText("1 unread");
  await alice.context.close();
  await bob.context.close();
});

test("/quit logs out; an idle session is logged out by the server with the reason on the login page", async ({ browser, parley }) => {
  test.setTimeout(150_000);
  const { chat, context } = await newPerson(browser, parley.url);
  const name = uniqueName("quinn");
  await chat.signUp(name, "Quinn");
  await chat.run("/quit");
  await expect(chat.page).toHaveURL(/\/login/);
  await context.close();

  // A server with a six-second idle timeout: no input at all after signing up.
  const idle = await startParley({ env: { IDLE_TIMEOUT_MINUTES: "0.1" } });
  try {
    const sleeper = await newPerson(browser, idle.url);
    await sleeper.chat.signUp(uniqueName("sleepy"), "Sleepy");
    await expect(sleeper.chat.page).toHaveURL(/\/login\?reason=idle/, { timeout: 30_000 });
    await expect(sleeper.chat.page.getByText("You were logged out after 6 seconds of inactivity")).toBeVisible();
    await sleeper.chat.page.goto("/");
    await expect(sleeper.chat.page).toHaveURL(/\/login/);
    await sleeper.context.close();
  } finally {
    await idle.stop();
  }
});
