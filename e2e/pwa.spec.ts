import sharp from "sharp";
import { startParley } from "./fixtures/parley-server";
import { expect, newProfileVisitor, test, uniqueName } from "./pages/profile-fixtures";

type Manifest = {
  name?: string;
  short_name?: string;
  start_url?: string;
  display?: string;
  theme_color?: string;
  background_color?: string;
  icons?: { src: string; sizes: string; type: string; purpose?: string }[];
};

test("the web app manifest is served, linked and valid, and its icons are real PNGs of the stated size", async ({ page, request }) => {
  const response = await request.get("/manifest.webmanifest");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/manifest+json");
  const manifest = (await response.json()) as Manifest;
  expect(manifest).toMatchObject({ name: "Parley", short_name: "Parley", start_url: "/", display: "standalone" });
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
  expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);

  const icons = manifest.icons ?? [];
  expect(icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
  expect(icons.some((i) => (i.purpose ?? "any").split(" ").includes("maskable"))).toBe(true);
  for (const icon of icons) {
    const file = await request.get(icon.src);
    expect(file.status(), icon.src).toBe(200);
    expect(file.headers()["content-type"], icon.src).toBe("image/png");
    const { format, width, height } = await sharp(await file.body()).metadata();
    expect(`${format} ${width}x${height}`, icon.src).toBe(`png ${icon.sizes}`);
  }

  // Every page links the manifest, the iOS icon and the light/dark theme colours.
  await page.goto("/login");
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute("href", "/manifest.webmanifest");
  const apple = await page.locator('link[rel="apple-touch-icon"]').getAttribute("href");
  expect((await request.get(apple ?? "")).headers()["content-type"]).toBe("image/png");
  await expect(page.locator('meta[name="theme-color"]')).toHaveCount(2);
});

test("the service worker takes control, and the offline page shows once the server is gone", async ({ browser }) => {
  // Its own server: this test stops it.
  const server = await startParley();
  const context = await browser.newContext({ baseURL: server.url });
  try {
    const page = await context.newPage();
    await page.goto("/login");
    const scriptURL = await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL);
    expect(scriptURL).toBe(`${server.url}/sw.js`);
    await page.reload();
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`${server.url}/sw.js`);

    await server.stop();
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "You're offline" })).toBeVisible();
    await expect(page.getByText("Parley can't reach the server right now.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Retry" })).toBeVisible();
  } finally {
    await context.close();
    await server.stop();
  }
});

test("Install Parley appears when the browser offers installation, and prompts on click", async ({ browser, parley }) => {
  const { context, profile } = await newProfileVisitor(browser, parley.url);
  const { page } = profile;
  await profile.signUp(uniqueName("ivy"), "Ivy");
  await profile.goto();
  const install = page.getByRole("button", { name: "Install Parley" });
  await expect(install).toHaveCount(0);

  // Headless Chromium never offers installation itself: hand the page the event Chromium would fire.
  await page.evaluate(() => {
    const event = new Event("beforeinstallprompt", { cancelable: true });
    const log: string[] = [];
    (window as unknown as { installLog: string[] }).installLog = log;
    Object.assign(event, {
      prompt: async () => void log.push("prompted"),
      userChoice: Promise.resolve({ outcome: "accepted", platform: "web" }),
    });
    window.dispatchEvent(event);
    log.push(event.defaultPrevented ? "mini-infobar suppressed" : "mini-infobar shown");
  });
  await install.click();
  expect(await page.evaluate(() => (window as unknown as { installLog: string[] }).installLog)).toEqual(["mini-infobar suppressed", "prompted"]);
  await expect(page.getByText("Parley is installed.")).toBeVisible();
  await expect(install).toHaveCount(0);
  await context.close();
});

test("on iOS Safari, which has no install prompt, the page explains Add to Home Screen", async ({ browser, parley }) => {
  const { context, profile } = await newProfileVisitor(browser, parley.url, {
    userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  await profile.signUp(uniqueName("ios"), "Iris");
  await profile.goto();
  await expect(profile.page.getByText("tap the Share button")).toContainText("then Add to Home Screen");
  await expect(profile.page.getByRole("button", { name: "Install Parley" })).toHaveCount(0);
  await context.close();
});
