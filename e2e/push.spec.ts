import { expect, newProfileVisitor, test, uniqueName } from "./pages/profile-fixtures";

/*
 * Delivery (web-push → a mock push service, encrypted payload, gone subscriptions)
 * is covered in lib/server/services/push.test.ts: headless Chromium has no push service
 * to subscribe to. Here: what a person sees in the settings.
 */

test("when notifications are blocked, push settings say so instead of offering the button", async ({ browser, parley }) => {
  const { context, profile } = await newProfileVisitor(browser, parley.url);
  await profile.signUp(uniqueName("pam"), "Pam");
  await profile.gotoNotifications();
  await expect(profile.pushSection.getByRole("status")).toHaveText("Push notifications are off.");
  // Nothing is asked on load; headless Chromium answers the click's request with "denied" (no grant given).
  expect(await profile.page.evaluate(() => Notification.permission)).toBe("default");
  const enable = profile.pushSection.getByRole("button", { name: "Enable push notifications" });
  await enable.click();
  await expect(profile.pushSection.getByRole("status")).toHaveText(/^Notifications are blocked for Parley in this browser\. Allow them in the site settings/);
  await expect(enable).toHaveCount(0);
  const pushEnabled = await profile.page.request
    .get("/api/profile")
    .then(async (r) => ((await r.json()) as { profile: { pushEnabled: boolean } }).profile.pushEnabled);
  expect(pushEnabled).toBe(false);
  await context.close();
});

test("with permission granted but no push service (headless Chromium has none), the failure is explained", async ({ browser, parley }) => {
  const { context, profile } = await newProfileVisitor(browser, parley.url);
  await profile.signUp(uniqueName("gus"), "Gus");
  await context.grantPermissions(["notifications"], { origin: parley.url });
  await profile.gotoNotifications();
  await profile.pushSection.getByRole("button", { name: "Enable push notifications" }).click();
  await expect(profile.pushSection.getByRole("alert")).toHaveText(
    "This browser couldn't sign up with its push service. Try again later, or in another browser.",
    { timeout: 30_000 },
  );
  await expect(profile.pushSection.getByRole("status")).toHaveText("Push notifications are off.");
  await context.close();
});

test("muting a room is saved and kept across reloads", async ({ browser, parley }) => {
  const { context, profile } = await newProfileVisitor(browser, parley.url);
  const { page } = profile;
  await profile.signUp(uniqueName("moe"), "Moe");
  await profile.gotoNotifications();
  const general = profile.muteToggle("general");
  await expect(general).not.toBeChecked();
  await general.check();
  await expect.poll(async () => ((await (await page.request.get("/api/push/mutes")).json()) as { roomIds: string[] }).roomIds.length).toBe(1);
  await page.reload();
  await expect(general).toBeChecked();
  await general.uncheck();
  await expect.poll(async () => ((await (await page.request.get("/api/push/mutes")).json()) as { roomIds: string[] }).roomIds).toEqual([]);
  await page.reload();
  await expect(general).not.toBeChecked();
  await context.close();
});
