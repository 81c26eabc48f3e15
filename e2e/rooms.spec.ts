import { expect, newPerson, test, uniqueName } from "./pages/people";

test("a private room: created with a password, joined with it by a second user, and they chat", async ({ browser, parley }) => {
  const room = uniqueName("vault").replace(/_/g, "-");
  const alice = await newPerson(browser, parley.url);
  const bob = await newPerson(browser, parley.url);
  await alice.chat.signUp(uniqueName("alice"), "Alice Liddell");
  const bobName = uniqueName("bob");
  await bob.chat.signUp(bobName, "Bob Builder");
  await expect(alice.chat.page.getByTestId("toast").filter({ hasText: "Bob Builder logged in" })).toBeVisible();

  // Alice creates it from the dialog; it is hers and shows a lock in her sidebar.
  await alice.chat.createRoom(room, { kind: "Private", password: "open sesame", limit: 5 });
  // The lock is an SVG icon (an emoji shows as an empty box where no emoji font is installed), named for screen readers.
  await expect(alice.chat.roomLink(room).locator("svg")).toBeVisible();
  await expect(alice.chat.roomLink(room)).toContainText("(private: needs a password)");
  await expect(alice.chat.page.getByRole("button", { name: "Room settings" })).toBeVisible();

  // Bob finds it in the browser: lock, member count / limit; Join asks for the password.
  await bob.chat.page.getByRole("button", { name: "Browse rooms" }).click();
  const browser_ = bob.chat.page.getByRole("dialog", { name: "Browse rooms" });
  await browser_.getByLabel("Search rooms").fill(room.slice(0, 8));
  const row = browser_.getByRole("listitem").filter({ hasText: `# ${room}` });
  await expect(row).toContainText("1 / 5 members");
  await expect(row).toContainText("private");
  await row.getByRole("button", { name: `Join #${room}` }).click();
  await row.getByLabel(`Password for #${room}`).fill("wrong guess");
  await row.getByRole("button", { name: "Join with password" }).click();
  await expect(row.getByRole("alert")).toHaveText(`Wrong password for #${room}`);
  await row.getByLabel(`Password for #${room}`).fill("open sesame");
  await row.getByRole("button", { name: "Join with password" }).click();
  await expect(browser_).toBeHidden();
  await expect(bob.chat.heading(`# ${room}`)).toBeVisible();

  // Both see the join, then chat live.
  await expect(alice.chat.messageList.getByText(`Bob Builder joined #${room}`)).toBeVisible();
  await bob.chat.say("hello from the vault");
  await expect(alice.chat.message("hello from the vault")).toBeVisible();
  await alice.chat.say("welcome, Bob");
  await expect(bob.chat.message("welcome, Bob")).toBeVisible();

  // The room's members are the right sidebar's list.
  await expect(alice.chat.page.getByRole("list", { name: "Online users" }).getByText("Bob Builder")).toBeVisible();

  // Bob goes back to #general, keeping a draft; Alice's next message counts as unread for him.
  await bob.chat.input.fill("half-written thought");
  await bob.chat.roomLink("general").click();
  await expect(bob.chat.heading("# general")).toBeVisible();
  await expect(bob.chat.message("hello from the vault")).toHaveCount(0);
  await alice.chat.say("are you still there?");
  await expect(bob.chat.roomLink(room)).toContainText("1 unread");
  await expect(bob.chat.page).toHaveTitle(/^\(1\) /);
  await bob.chat.roomLink(room).click();
  await expect(bob.chat.message("are you still there?")).toBeVisible();
  await expect(bob.chat.input).toHaveValue("half-written thought");
  await expect(bob.chat.roomLink(room)).not.toContainText("unread");
  await expect(bob.chat.page).not.toHaveTitle(/^\(/);

  // The owner kicks Bob with /kick: he is told and lands in #general; /join with the password brings him back.
  await alice.chat.run(`/kick ${bobName}`);
  await expect(bob.chat.heading("# general")).toBeVisible();
  await expect(bob.chat.output.filter({ hasText: `You were removed from #${room}` })).toBeVisible();
  await expect(bob.chat.roomLink(room)).toHaveCount(0);
  await bob.chat.run(`/join ${room} open sesame`);
  await expect(bob.chat.heading(`# ${room}`)).toBeVisible();

  // The owner deletes the room: Bob is told and lands in #general.
  await alice.chat.page.getByRole("button", { name: "Room settings" }).click();
  const settings = alice.chat.page.getByRole("dialog", { name: "Room settings" });
  await settings.getByRole("button", { name: "Delete room" }).click();
  await settings.getByRole("button", { name: `Delete #${room} for everyone` }).click();
  await expect(alice.chat.heading("# general")).toBeVisible();
  await expect(bob.chat.heading("# general")).toBeVisible();
  await expect(bob.chat.roomLink(room)).toHaveCount(0);
  await expect(bob.chat.output.filter({ hasText: `#${room} was deleted by Alice Liddell` })).toBeVisible();
  await alice.context.close();
  await bob.context.close();
});

test("a full room refuses a join with the count, and a reload comes back to the room on screen", async ({ browser, parley }) => {
  const room = uniqueName("tiny").replace(/_/g, "-");
  const alice = await newPerson(browser, parley.url);
  const bob = await newPerson(browser, parley.url);
  await alice.chat.signUp(uniqueName("alice"), "Alice");
  await bob.chat.signUp(uniqueName("bob"), "Bob");

  await alice.chat.run(`/create ${room} --limit 1`);
  await expect(alice.chat.heading(`# ${room}`)).toBeVisible();
  await bob.chat.run(`/join ${room}`);
  await expect(bob.chat.output.filter({ hasText: "Room is full (1/1)" })).toBeVisible();
  await expect(bob.chat.heading("# general")).toBeVisible();

  await alice.chat.say("still here after a reload");
  await alice.chat.page.reload();
  await expect(alice.chat.heading(`# ${room}`)).toBeVisible();
  await expect(alice.chat.message("still here after a reload")).toBeVisible();
  await alice.context.close();
  await bob.context.close();
});
