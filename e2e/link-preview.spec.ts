import http from "node:http";
import type { AddressInfo } from "node:net";
import type { BrowserContext } from "@playwright/test";
import sharp from "sharp";
import type { ParleyProcess } from "./fixtures/parley-server";
import { startParley } from "./fixtures/parley-server";
import { expect, personContext, test, uniqueName } from "./fixtures/test";
import { RoomsPage } from "./pages/rooms-page";

/**
 * A local page with Open Graph tags, which this Parley may fetch because the test puts
 * it in LINK_PREVIEW_ALLOW_HOSTS (by default a local address is refused).
 */
let site: http.Server;
let siteUrl: string;
let parley: ParleyProcess;
const contexts: BrowserContext[] = [];

test.beforeAll(async () => {
  const picture = await sharp({ create: { width: 800, height: 600, channels: 3, background: "#2266aa" } })
    .png()
    .toBuffer();
  site = http.createServer((req, res) => {
    if (req.url === "/cover.png") return res.writeHead(200, { "content-type": "image/png" }).end(picture);
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><html><head><title>fallback</title>
      <meta property="og:title" content="The Parley Gazette: previews land">
      <meta property="og:description" content="A card for every link, fetched safely.">
      <meta property="og:site_name" content="Gazette">
      <meta property="og:image" content="/cover.png"></head><body>news</body></html>`);
  });
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  const host = `127.0.0.1:${(site.address() as AddressInfo).port}`;
  siteUrl = `http://${host}/news/1`;
  parley = await startParley({ env: { TRUST_PROXY: "true", LINK_PREVIEW_ALLOW_HOSTS: host } });
});

test.afterAll(async () => {
  for (const context of contexts) await context.close();
  await parley?.stop();
  site?.close();
});

async function person(browser: Parameters<typeof personContext>[0], name: string, displayName: string): Promise<RoomsPage> {
  const context = await personContext(browser, parley.url);
  contexts.push(context);
  const chat = new RoomsPage(await context.newPage());
  await chat.signUp(name, displayName);
  return chat;
}

test("both people see a link's card; its sender removes it and it goes for both", async ({ browser }) => {
  test.setTimeout(90_000);
  const alice = await person(browser, uniqueName("alice"), "Alice Links");
  const bob = await person(browser, uniqueName("bob"), "Bob Links");

  const text = `Read this: ${siteUrl}`;
  await alice.say(text);
  const cards = [alice, bob].map((chat) => chat.message(text).locator("[data-link-preview]"));
  for (const card of cards) {
    await expect(card.getByRole("link", { name: "The Parley Gazette: previews land" })).toHaveAttribute("href", siteUrl);
    await expect(card).toContainText("Gazette");
    await expect(card).toContainText("A card for every link, fetched safely.");
    // Parley's own copy of the image, never the site's.
    const image = card.locator("img");
    await expect(image).toHaveAttribute("src", /^\/api\/previews\/[A-Za-z0-9_-]{22}\.webp$/);
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(400);
  }
  // Only the sender is offered the remove button.
  await expect(cards[1]!.getByRole("button", { name: "Remove preview" })).toHaveCount(0);
  await cards[0]!.getByRole("button", { name: "Remove preview" }).click();
  for (const card of cards) await expect(card).toHaveCount(0);

  // It stays gone after a reload, for both.
  for (const chat of [alice, bob]) {
    await chat.page.reload();
    await expect(chat.message(text)).toBeVisible();
    await expect(chat.message(text).locator("[data-link-preview]")).toHaveCount(0);
  }
});

test("a room's owner turns its link previews off in the room settings", async ({ browser }) => {
  const owner = await person(browser, uniqueName("olga"), "Olga Owner");
  const room = uniqueName("quiet").replace(/_/g, "-");
  await owner.createRoom(room);
  const open = async () => {
    await owner.page.getByRole("button", { name: "Room settings" }).click();
    return owner.page.getByRole("dialog", { name: "Room settings" });
  };
  let settings = await open();
  const toggle = settings.getByRole("checkbox", { name: "Show link previews" });
  await expect(toggle).toBeChecked();
  await toggle.uncheck();
  await settings.getByRole("button", { name: "Save changes" }).click();
  await expect(settings.getByRole("status")).toHaveText("Saved.");

  await owner.page.reload();
  await expect(owner.heading(`# ${room}`)).toBeVisible();
  settings = await open();
  await expect(settings.getByRole("checkbox", { name: "Show link previews" })).not.toBeChecked();
});
