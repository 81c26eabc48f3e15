import { test as base, type Browser, type BrowserContext } from "@playwright/test";
import { startParley, type ParleyProcess } from "../fixtures/parley-server";
import { ProfileSettingsPage } from "./profile-settings-page";

let address = 0;

/**
 * The profile, PWA and push specs sign up more people than the sign-up limit
 * per network allows (5 an hour): their server trusts X-Forwarded-For, and each
 * person gets an address of their own.
 */
export const test = base.extend<object, { parley: ParleyProcess }>({
  parley: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const server = await startParley({ env: { TRUST_PROXY: "true" } });
      await use(server);
      await server.stop();
    },
    { scope: "worker" },
  ],
  baseURL: async ({ parley }, use) => use(parley.url),
});

export async function newProfileVisitor(browser: Browser, baseURL: string, options: Parameters<Browser["newContext"]>[0] = {}): Promise<{ context: BrowserContext; profile: ProfileSettingsPage }> {
  address += 1;
  const ip = `10.88.${Math.floor(address / 250) % 250}.${(address % 250) + 1}`;
  const context = await browser.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-for": ip }, ...options });
  return { context, profile: new ProfileSettingsPage(await context.newPage()) };
}

export { expect } from "@playwright/test";
export { uniqueName } from "../fixtures/test";
