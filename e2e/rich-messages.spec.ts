import type { Locator } from "@playwright/test";
import { expect, personContext, test, uniqueName } from "./fixtures/test";
import { RoomsPage } from "./pages/rooms-page";

/** A stored message's row, by a piece of its own text (not the quote of a message it answers). */
const row = (chat: RoomsPage, text: string) => chat.messages.filter({ has: chat.page.locator("[data-message-body]", { hasText: text }) });

/** Sends text whose shown form differs from what was typed (Markdown), and waits until it is stored. */
async function post(chat: RoomsPage, text: string) {
  await chat.input.fill(text);
  await chat.input.press("Enter");
  await expect(chat.input).toHaveValue("");
  await expect(chat.pending).toHaveCount(0);
}

/** The message toolbar appears on hover or focus; a focused row exposes it to the keyboard too. */
async function action(message: Locator, name: string) {
  await message.hover();
  const toolbar = message.getByRole("toolbar", { name: "Message actions" });
  await toolbar.getByRole("button", { name, exact: true }).click();
}

test("two people format, reply, react, edit, delete and mention each other, and each sees it live", async ({ browser, parley }) => {
  test.setTimeout(120_000);
  const aliceName = uniqueName("alice");
  const bobName = uniqueName("bob");
  const alice = new RoomsPage(await (await personContext(browser, parley.url)).newPage());
  const bob = new RoomsPage(await (await personContext(browser, parley.url)).newPage());
  await alice.signUp(aliceName, "Alice Rich");
  await bob.signUp(bobName, "Bob Rich");
  await expect(alice.page.getByText("Enter to send")).toContainText("**bold** *italic* ~~strike~~ `code` > quote");

  await test.step("formatting and links render for the reader; other link schemes stay text", async () => {
    await post(
      alice,
      "**loud** and *soft* and ~~gone~~ with `npm start` see https://example.com/a?b=1 or [the docs](https://example.org/docs) not [this](javascript:alert(1))",
    );
    const seen = row(bob, "loud");
    await expect(seen.locator("strong")).toHaveText("loud");
    await expect(seen.locator("em")).toHaveText("soft");
    await expect(seen.locator("del")).toHaveText("gone");
    await expect(seen.locator("code")).toHaveText("npm start");
    const bare = seen.getByRole("link", { name: "https://example.com/a?b=1" });
    await expect(bare).toHaveAttribute("href", "https://example.com/a?b=1");
    await expect(bare).toHaveAttribute("target", "_blank");
    await expect(bare).toHaveAttribute("rel", "noopener noreferrer nofollow ugc");
    await expect(seen.getByRole("link", { name: "the docs" })).toHaveAttribute("href", "https://example.org/docs");
    await expect(seen.getByRole("link", { name: "this" })).toHaveCount(0);
    await expect(seen.locator('a[href^="javascript"]')).toHaveCount(0);

    // From Bob: one person sending five messages within 5 s meets the flood rule.
    await post(bob, "```\nconst answer = 42;\n```");
    const block = row(alice, "const answer = 42;");
    await expect(block.locator("pre")).toContainText("const answer = 42;");
    await expect(block.getByRole("button", { name: "Copy code" })).toBeAttached();
  });

  await test.step("Bob replies to Alice: the parent is quoted above his composer and in the message", async () => {
    await alice.say("Lunch at noon?");
    await action(row(bob, "Lunch at noon?"), "Reply");
    await expect(bob.page.locator('[data-compose="reply"]')).toContainText("Replying to Alice Rich: Lunch at noon?");
    await bob.say("Yes, see you there");
    await expect(bob.page.locator('[data-compose="reply"]')).toHaveCount(0);
    const reply = row(alice, "Yes, see you there");
    const quote = reply.getByRole("button", { name: /^Reply to Alice Rich: Lunch at noon\?/ });
    await expect(quote).toBeVisible();
    await quote.click();
    await expect(row(alice, "Lunch at noon?")).toBeFocused();
  });

  await test.step("reactions: Bob picks one from the picker, Alice adds hers on the chip; both see the count and who", async () => {
    await action(row(bob, "Lunch at noon?"), "Add reaction");
    const picker = bob.page.getByRole("dialog");
    await picker.getByLabel("Search emoji").fill("thumbs up");
    await picker
      .getByRole("button", { name: /thumbs up/i })
      .first()
      .click();
    const chipForAlice = row(alice, "Lunch at noon?").getByRole("button", { name: /^👍 1/ });
    await expect(chipForAlice).toBeVisible();
    await expect(chipForAlice).toHaveAccessibleName(/Bob Rich/);
    await expect(chipForAlice).toHaveAttribute("aria-pressed", "false");
    await chipForAlice.click();
    const chipForBob = row(bob, "Lunch at noon?").getByRole("button", { name: /^👍 2/ });
    await expect(chipForBob).toBeVisible();
    await expect(chipForBob).toHaveAttribute("aria-pressed", "true");
    await chipForBob.click();
    await expect(row(alice, "Lunch at noon?").getByRole("button", { name: /^👍 1/ })).toHaveAttribute("aria-pressed", "true");
  });

  await test.step("Alice edits her last message with ↑; Bob sees the new text marked (edited)", async () => {
    await alice.say("Meet at the cafe");
    await alice.input.press("ArrowUp");
    await expect(alice.page.locator('[data-compose="edit"]')).toContainText("Editing your message");
    await expect(alice.input).toHaveValue("Meet at the cafe");
    await alice.input.fill("Meet at the library");
    await alice.input.press("Enter");
    await expect(alice.input).toHaveValue("");
    const edited = row(bob, "Meet at the library");
    await expect(edited).toContainText("(edited)");
    await expect(row(bob, "Meet at the cafe")).toHaveCount(0);
  });

  await test.step("Alice deletes a message after confirming; Bob sees “message deleted”", async () => {
    await alice.say("Oops, wrong chat");
    await action(row(alice, "Oops, wrong chat"), "Delete message");
    const confirm = alice.page.getByRole("alertdialog", { name: "Delete this message?" });
    await confirm.getByRole("button", { name: "Delete" }).click();
    await expect(confirm).toBeHidden();
    await expect(row(bob, "Oops, wrong chat")).toHaveCount(0);
    await expect(bob.messageList.getByText("message deleted", { exact: true })).toBeVisible();
    await expect(alice.messageList.getByText("message deleted", { exact: true })).toBeVisible();
  });

  await test.step("Bob mentions Alice from the autocomplete: highlighted for her, a mention badge while she is elsewhere", async () => {
    await alice.createRoom(uniqueName("side").slice(0, 20));
    await bob.input.pressSequentially(`@${aliceName.slice(0, 4)}`);
    const list = bob.page.getByRole("listbox", { name: "Mention someone" });
    await expect(list.getByRole("option", { name: /Alice Rich/ })).toBeVisible();
    await bob.input.press("Enter");
    await expect(bob.input).toHaveValue(`@${aliceName} `);
    await bob.input.pressSequentially("are you coming?");
    await bob.input.press("Enter");
    await expect(alice.roomLink("general").getByTestId("mentions")).toHaveText("@1 mention");
    await alice.roomLink("general").click();
    const mention = row(alice, "are you coming?");
    await expect(mention).toHaveAttribute("data-mentioned", "true");
    await expect(mention.locator(`[data-mention="${aliceName}"]`)).toHaveText(`@${aliceName}`);
    await expect(alice.roomLink("general").getByTestId("mentions")).toHaveCount(0);
    // Bob is not mentioned: the same message is not highlighted for him.
    await expect(row(bob, "are you coming?")).not.toHaveAttribute("data-mentioned", "true");
  });
});
