import { io } from "socket.io-client";
import { startParley } from "./fixtures/parley-server";
import { expect, newChatter, test, uniqueName } from "./fixtures/test";

test("two people chat live in #general, see each other online and typing", async ({ browser, parley }) => {
  const aliceName = uniqueName("alice");
  const bobName = uniqueName("bob");
  const alice = await newChatter(browser, parley.url);
  const bob = await newChatter(browser, parley.url);

  await alice.chat.signUp(aliceName, "Alice Liddell");
  await expect(alice.chat.page.getByText("Welcome to Parley! Be kind, and have fun.")).toBeVisible();
  await bob.chat.signUp(bobName, "Bob Builder");

  // Presence: Alice sees Bob arrive, as a line in the stream and in the list.
  await expect(alice.chat.messageList.getByText("Bob Builder is online")).toBeVisible();
  await expect(alice.chat.page.getByRole("list", { name: "Online users" }).getByText("Bob Builder")).toBeVisible();
  await expect(bob.chat.page.getByRole("list", { name: "Online users" }).getByText("Alice Liddell")).toBeVisible();

  // Typing indicator, then the message arrives live and the indicator clears.
  await alice.chat.composer.pressSequentially("Hello Bob", { delay: 20 });
  await expect(bob.chat.typing).toHaveText("Alice Liddell is typing…");
  await alice.chat.composer.press("Enter");
  const received = bob.chat.message("Hello Bob");
  await expect(received).toBeVisible();
  await expect(received).toContainText("Alice Liddell");
  await expect(received.locator("time")).toHaveText(/\d{1,2}:\d{2}/);
  await expect(bob.chat.typing).toHaveText("");

  // Shift+Enter makes a new line; Enter sends both lines as one message.
  await bob.chat.composer.fill("line one");
  await bob.chat.composer.press("Shift+Enter");
  await bob.chat.composer.pressSequentially("line two");
  await bob.chat.composer.press("Enter");
  await expect(alice.chat.message("line one\nline two")).toBeVisible();

  // HTML in a message is shown as text, never rendered.
  await alice.chat.send("<img src=x onerror=alert(1)> <b>bold?</b>");
  await expect(bob.chat.message("<b>bold?</b>")).toBeVisible();
  // That message's own row: #general on the shared server may hold other specs' image attachments.
  await expect(bob.chat.message("<b>bold?</b>").locator("img")).toHaveCount(0);

  // Going away shows a line for the others (after the presence grace period): logged out, not "left" a room.
  await bob.context.close();
  await expect(alice.chat.messageList.getByText("Bob Builder logged out")).toBeVisible();
  await alice.context.close();
});

test("sign-up and login explain what went wrong", async ({ browser, parley }) => {
  const name = uniqueName("carol");
  const { chat, context } = await newChatter(browser, parley.url);
  await chat.page.goto("/signup");
  await chat.page.getByLabel("Username").fill(name);
  await chat.page.getByLabel("Display name").fill("Carol");
  await chat.page.getByLabel("Password").fill("short");
  await chat.page.getByRole("button", { name: "Sign up" }).click();
  await expect(chat.page.getByText("Password must be at least 8 characters")).toBeVisible();

  await chat.signUp(name, "Carol");
  await chat.page.getByRole("button", { name: "Log out" }).click();
  await expect(chat.page).toHaveURL(/\/login$/);

  await chat.page.goto("/signup");
  await chat.page.getByLabel("Username").fill(name.toUpperCase());
  await chat.page.getByLabel("Display name").fill("Imposter");
  await chat.page.getByLabel("Password").fill("long enough");
  await chat.page.getByRole("button", { name: "Sign up" }).click();
  await expect(chat.page.getByText("That username is taken")).toBeVisible();

  await chat.logIn(name, "wrong password");
  await expect(chat.page.getByRole("main").getByRole("alert")).toHaveText("Wrong username or password");
  await chat.logIn("nobody_here_xyz", "wrong password");
  await expect(chat.page.getByRole("main").getByRole("alert")).toHaveText("Wrong username or password");
  await chat.logIn(name);
  await chat.expectInChat();
  await context.close();
});

test("scrolling up loads older messages until the beginning", async ({ browser }) => {
  // A server of its own: Dora is its first account, an admin, so seeding 70 messages
  // quickly is not treated as a flood.
  const parley = await startParley();
  const { chat, context } = await newChatter(browser, parley.url);
  await chat.signUp(uniqueName("dora"), "Dora");
  const roomId = await chat.page.locator("main[data-room-id]").getAttribute("data-room-id");
  // Seed 70 messages through the real socket API with Dora's own session cookie.
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const socket = io(parley.url, { transports: ["websocket"], extraHeaders: { cookie } });
  const ask = (event: string, payload: unknown) => new Promise<{ ok: boolean }>((resolve) => socket.emit(event, payload, (r: { ok: boolean }) => resolve(r)));
  expect((await ask("room:join", { roomId })).ok).toBe(true);
  for (let i = 1; i <= 70; i++) {
    expect((await ask("message:send", { roomId, body: `history ${i}`, clientId: `seed-${i}-${Date.now()}` })).ok).toBe(true);
  }
  socket.disconnect();

  await chat.page.reload();
  await chat.expectInChat();
  await expect(chat.message("history 70")).toBeVisible();
  // The list is virtualised (only rows near the viewport are in the DOM), so it says how
  // long the stream is: the newest 50 messages and a Today divider.
  const list = chat.messageList;
  const setSize = () => list.locator("li[aria-setsize]").first().getAttribute("aria-setsize");
  await expect.poll(setSize).toBe("51");

  // The reader scrolls to the top: older messages load until the beginning.
  await expect(async () => {
    await list.evaluate((el) => el.scrollTo({ top: 0 }));
    await expect(chat.page.getByText("This is the beginning of the conversation.")).toBeVisible({ timeout: 1000 });
  }).toPass();
  // The last page came in above the reader's place, which stays put: on up to the first message.
  await list.evaluate((el) => el.scrollTo({ top: 0 }));
  await expect(chat.messages.filter({ hasText: /history 1$/ })).toHaveCount(1);
  await expect.poll(setSize).toBe("71");
  // Reading down from the top shows every one of the 70, once each, in order.
  const read = await chat.readStream();
  expect(read).toEqual(Array.from({ length: 70 }, (_, i) => `history ${i + 1}`));
  await context.close();
  expect(await parley.stop()).toBe(0);
});
