import { expect, newPerson, test, uniqueName } from "./pages/people";

test("a DM to someone offline is saved, and they see it with an unread badge when they log in", async ({ browser, parley }) => {
  const bobName = uniqueName("bob");
  const aliceName = uniqueName("alice");
  const bob = await newPerson(browser, parley.url);
  await bob.chat.signUp(bobName, "Bob Builder");
  await bob.chat.logOut();

  const alice = await newPerson(browser, parley.url);
  await alice.chat.signUp(aliceName, "Alice Liddell");
  await alice.chat.run(`/msg ${bobName} are you there?`);
  await expect(alice.chat.heading("Bob Builder")).toBeVisible();
  const sent = alice.chat.message("are you there?");
  await expect(sent).toContainText(`${bobName} is offline — saved, will be delivered when they log in`);
  await expect(alice.chat.conversationLink("Bob Builder")).toBeVisible();

  // Bob logs in: the conversation waits in his sidebar with an unread badge.
  await bob.chat.logIn(bobName);
  await bob.chat.expectInChat();
  const link = bob.chat.conversationLink("Alice Liddell");
  await expect(link).toContainText("1 unread");
  await expect(bob.chat.page).toHaveTitle(/^\(1\) /);
  await link.click();
  await expect(bob.chat.heading("Alice Liddell")).toBeVisible();
  await expect(bob.chat.message("are you there?")).toBeVisible();
  await expect(link).not.toContainText("unread");

  // Now both are online: replies arrive live and Alice's next one reads "delivered".
  await bob.chat.say("here now!");
  await expect(alice.chat.message("here now!")).toBeVisible();
  await alice.chat.say("great");
  await expect(alice.chat.message("great")).toContainText(`delivered to ${bobName}`);
  await expect(bob.chat.message("great")).toBeVisible();
  await alice.context.close();
  await bob.context.close();
});

test("a DM started from a name in the stream, with the Message button", async ({ browser, parley }) => {
  const alice = await newPerson(browser, parley.url);
  const bob = await newPerson(browser, parley.url);
  await alice.chat.signUp(uniqueName("alice"), "Alice Liddell");
  await bob.chat.signUp(uniqueName("bob"), "Bob Builder");
  const text = `knock knock ${Date.now()}`;
  await alice.chat.say(text);

  await bob.chat.message(text).getByRole("button", { name: "Alice Liddell" }).click();
  const card = bob.chat.page.getByRole("dialog", { name: "User" });
  await expect(card).toContainText("Blocking does not hide room messages");
  await card.getByRole("button", { name: "Message Alice Liddell" }).click();
  await expect(bob.chat.heading("Alice Liddell")).toBeVisible();
  await bob.chat.say("who's there?");
  await expect(alice.chat.conversationLink("Bob Builder")).toContainText("1 unread");
  await alice.context.close();
  await bob.context.close();
});
