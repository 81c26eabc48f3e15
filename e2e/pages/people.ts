import { test as base, type Browser, type BrowserContext } from "@playwright/test";
import { startParley, type ParleyProcess } from "../fixtures/parley-server";
import { RoomsPage } from "./rooms-page";

let address = 0;

/**
 * Specs with many people: their own server that trusts X-Forwarded-For, and one
 * address per person, so the sign-up limit per network treats them as strangers.
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

export async function newPerson(browser: Browser, baseURL: string, options: Parameters<Browser["newContext"]>[0] = {}): Promise<{ context: BrowserContext; chat: RoomsPage }> {
  address += 1;
  const ip = `10.77.${Math.floor(address / 250) % 250}.${(address % 250) + 1}`;
  const context = await browser.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-for": ip }, ...options });
  return { context, chat: new RoomsPage(await context.newPage()) };
}

export { expect } from "@playwright/test";
export { uniqueName } from "../fixtures/test";
