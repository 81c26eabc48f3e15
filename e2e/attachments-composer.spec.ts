import type { Page } from "@playwright/test";
import { solidImage } from "../tests/image-fixtures";
import { expect, personContext, test, uniqueName } from "./fixtures/test";
import type { ParleyProcess } from "./fixtures/parley-server";
import { startParley } from "./fixtures/parley-server";
import { signedInClient } from "./pages/admin-api";
import { RoomsPage } from "./pages/rooms-page";

// A 1 MB limit, so "too large" needs no huge file.
const attach = test.extend<object, { parley: ParleyProcess }>({
  parley: [
    async ({}, use) => {
      const server = await startParley({ env: { TRUST_PROXY: "true", UPLOAD_MAX_MB: "1" } });
      await use(server);
      await server.stop();
    },
    { scope: "worker" },
  ],
});

const tray = (page: Page) => page.getByRole("list", { name: "Files to send" });
const send = (page: Page) => page.getByRole("button", { name: "Send", exact: true });

/** Holds every upload at the network until `release()`, so what shows during one can be looked at. */
async function holdUploads(page: Page) {
  let release = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route("**/api/uploads", async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    await gate;
    await route.continue().catch(() => undefined);
  });
  return { release: () => release(), stop: () => page.unroute("**/api/uploads") };
}

/** Files put on the page's own DataTransfer, as a drop or a paste carries them. */
async function dataTransfer(page: Page, files: { name: string; type: string; bytes: Buffer }[]) {
  return page.evaluateHandle(
    (list) => {
      const transfer = new DataTransfer();
      for (const f of list) transfer.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name, { type: f.type }));
      return transfer;
    },
    files.map((f) => ({ name: f.name, type: f.type, b64: f.bytes.toString("base64") })),
  );
}

attach("files go out by button, paste and drop, with progress and a caption; the room sees and opens them", async ({ browser, parley }) => {
  test.setTimeout(120_000);
  const alice = new RoomsPage(await (await personContext(browser, parley.url)).newPage());
  const bob = new RoomsPage(await (await personContext(browser, parley.url)).newPage());
  await alice.signUp(uniqueName("alice"), "Alice Files");
  await bob.signUp(uniqueName("bob"), "Bob Files");
  const photo = await solidImage("png", 640, 480);

  await attach.step("by button: the tray shows the file with its progress; Send waits for it", async () => {
    const held = await holdUploads(alice.page);
    const chooser = alice.page.waitForEvent("filechooser");
    await alice.page.getByRole("button", { name: "Attach files" }).click();
    await (await chooser).setFiles({ name: "sunset.png", mimeType: "image/png", buffer: photo });
    const item = tray(alice.page).getByRole("listitem").filter({ hasText: "sunset.png" });
    await expect(item.getByRole("progressbar", { name: "Uploading sunset.png" })).toBeVisible();
    await expect(item.locator("img")).toHaveAttribute("src", /^blob:/);
    await expect(send(alice.page)).toBeDisabled();
    await expect(alice.page.getByText("Wait until the files have uploaded, or remove them.")).toBeVisible();
    held.release();
    await expect(item).toContainText("Ready");
    await expect(item.getByRole("progressbar")).toHaveCount(0);
    await expect(send(alice.page)).toBeEnabled();
    await held.stop();
  });

  await attach.step("cancel: removing a file mid-upload takes it off the tray", async () => {
    const held = await holdUploads(alice.page);
    const chooser = alice.page.waitForEvent("filechooser");
    await alice.page.getByRole("button", { name: "Attach files" }).click();
    await (await chooser).setFiles({ name: "oops.txt", mimeType: "text/plain", buffer: Buffer.from("never mind") });
    await alice.page.getByRole("button", { name: "Cancel upload of oops.txt" }).click();
    await expect(tray(alice.page)).not.toContainText("oops.txt");
    held.release();
    await held.stop();
  });

  await attach.step("paste: a screenshot on the clipboard becomes pasted-image.png", async () => {
    const transfer = await dataTransfer(alice.page, [{ name: "image.png", type: "image/png", bytes: await solidImage("png", 200, 100) }]);
    await alice.input.evaluate((box, clipboardData) => {
      box.dispatchEvent(new ClipboardEvent("paste", { clipboardData, bubbles: true, cancelable: true }));
    }, transfer);
    await expect(tray(alice.page).getByRole("listitem").filter({ hasText: "pasted-image.png" })).toContainText("Ready");
  });

  await attach.step("drop: dragging files over the chat shows the drop zone; dropping attaches them", async () => {
    const transfer = await dataTransfer(alice.page, [{ name: "notes.txt", type: "text/plain", bytes: Buffer.from("meeting notes\n") }]);
    const chat = alice.page.locator("main");
    await chat.dispatchEvent("dragenter", { dataTransfer: transfer });
    await expect(alice.page.getByText("Drop files to attach")).toBeVisible();
    await chat.dispatchEvent("dragover", { dataTransfer: transfer });
    await chat.dispatchEvent("drop", { dataTransfer: transfer });
    await expect(alice.page.getByText("Drop files to attach")).toBeHidden();
    await expect(tray(alice.page).getByRole("listitem").filter({ hasText: "notes.txt" })).toContainText("Ready");
  });

  await attach.step("Enter sends the three files with the caption; Bob sees thumbnails and a download", async () => {
    await alice.input.fill("Holiday pictures");
    await alice.input.press("Enter");
    await expect(tray(alice.page)).toHaveCount(0);
    const seen = bob.message("Holiday pictures");
    await expect(seen.getByRole("button", { name: "Open image sunset.png" })).toBeVisible();
    await expect(seen.getByRole("button", { name: "Open image pasted-image.png" })).toBeVisible();
    await expect(seen.getByRole("link", { name: /notes\.txt/ })).toBeVisible();
    await expect(seen.getByRole("img", { name: "sunset.png" })).toHaveJSProperty("complete", true);
    expect(await seen.getByRole("img", { name: "sunset.png" }).evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  });

  await attach.step("the lightbox opens the image full size and Esc closes it", async () => {
    await bob.message("Holiday pictures").getByRole("button", { name: "Open image sunset.png" }).click();
    const box = bob.page.getByRole("dialog", { name: "sunset.png" });
    await expect(box).toBeVisible();
    await expect(box).toContainText("640×480");
    await bob.page.keyboard.press("Escape");
    await expect(box).toBeHidden();
  });

  await attach.step("a file that is not an image is a download, never shown inline", async () => {
    const link = bob.message("Holiday pictures").getByRole("link", { name: /notes\.txt/ });
    const href = await link.getAttribute("href");
    const answer = await bob.page.request.get(href ?? "");
    expect(answer.status()).toBe(200);
    expect(answer.headers()["content-disposition"]).toMatch(/^attachment/);
    expect(answer.headers()["x-content-type-options"]).toBe("nosniff");
    const download = bob.page.waitForEvent("download");
    await link.click();
    expect((await download).suggestedFilename()).toBe("notes.txt");
  });

  await attach.step("a file without text: Enter sends it alone", async () => {
    const chooser = alice.page.waitForEvent("filechooser");
    await alice.page.getByRole("button", { name: "Attach files" }).click();
    await (await chooser).setFiles({ name: "alone.txt", mimeType: "text/plain", buffer: Buffer.from("just me") });
    await expect(tray(alice.page).getByRole("listitem").filter({ hasText: "alone.txt" })).toContainText("Ready");
    await alice.input.press("Enter");
    await expect(bob.messages.last().getByRole("link", { name: /alone\.txt/ })).toBeVisible();
  });
});

attach("a file over the limit is refused in the browser with the server's sentence, before any upload", async ({ browser, parley }) => {
  const alice = new RoomsPage(await (await personContext(browser, parley.url)).newPage());
  await alice.signUp(uniqueName("big"), "Big Files");
  const posts: string[] = [];
  alice.page.on("request", (r) => r.method() === "POST" && r.url().includes("/api/uploads") && posts.push(r.url()));
  const chooser = alice.page.waitForEvent("filechooser");
  await alice.page.getByRole("button", { name: "Attach files" }).click();
  await (await chooser).setFiles({ name: "video.mov", mimeType: "video/quicktime", buffer: Buffer.alloc(2 * 1024 * 1024, 1) });
  await expect(alice.page.locator("main").getByRole("alert")).toHaveText("video.mov is 2 MB; the limit is 1 MB.");
  await expect(tray(alice.page)).toHaveCount(0);
  expect(posts).toEqual([]);
});

attach("a private room's file is not served to someone outside it", async ({ browser, parley }) => {
  const alice = new RoomsPage(await (await personContext(browser, parley.url)).newPage());
  await alice.signUp(uniqueName("priv"), "Private Alice");
  await alice.createRoom(uniqueName("secret").replace(/_/g, "-"), { kind: "Private", password: "open sesame" });
  const chooser = alice.page.waitForEvent("filechooser");
  await alice.page.getByRole("button", { name: "Attach files" }).click();
  await (await chooser).setFiles({ name: "plans.txt", mimeType: "text/plain", buffer: Buffer.from("the plan") });
  await expect(tray(alice.page).getByRole("listitem").filter({ hasText: "plans.txt" })).toContainText("Ready");
  await alice.input.fill("Our plans");
  await alice.input.press("Enter");
  const href = await alice
    .message("Our plans")
    .getByRole("link", { name: /plans\.txt/ })
    .getAttribute("href");
  expect((await alice.page.request.get(href ?? "")).status()).toBe(200);
  const eve = await signedInClient(parley.url, uniqueName("eve"), "Eve Outside");
  expect((await eve.get(href ?? "")).status()).toBe(404);
  await eve.dispose();
});

attach("the tray fits a phone in dark mode", async ({ browser, parley }) => {
  const context = await personContext(browser, parley.url, { viewport: { width: 390, height: 844 }, colorScheme: "dark" });
  const alice = new RoomsPage(await context.newPage());
  await alice.signUp(uniqueName("phone"), "Phone Alice");
  const held = await holdUploads(alice.page);
  const chooser = alice.page.waitForEvent("filechooser");
  await alice.page.getByRole("button", { name: "Attach files" }).click();
  await (await chooser).setFiles([
    { name: "a-very-long-file-name-from-a-camera-IMG_20261203_094512.png", mimeType: "image/png", buffer: await solidImage("png", 120, 90) },
    { name: "report.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n") },
  ]);
  await expect(tray(alice.page).getByRole("listitem")).toHaveCount(2);
  // Nothing sticks out sideways on a phone.
  expect(await alice.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await alice.page.screenshot({ path: attach.info().outputPath("tray-phone-dark.png") });
  held.release();
  await expect(tray(alice.page).getByRole("listitem").filter({ hasText: "Ready" })).toHaveCount(2);
  await alice.input.press("Enter");
  const sent = alice.message("report.pdf");
  await expect(sent.getByRole("img")).toHaveJSProperty("complete", true);
  expect(await alice.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await alice.page.screenshot({ path: attach.info().outputPath("message-phone-dark.png") });
  await held.stop();
});
