import type { Browser, BrowserContext } from "@playwright/test";
import { test as base } from "@playwright/test";
import type { ParleyProcess } from "../fixtures/parley-server";
import { parleyFixtures, personContext } from "../fixtures/test";
import { RoomsPage } from "./rooms-page";

/** Its own server (trusting X-Forwarded-For), and an address of their own for each person. */
export const test = base.extend<object, { parley: ParleyProcess }>(parleyFixtures as never);

export async function newPerson(
  browser: Browser,
  baseURL: string,
  options: Parameters<Browser["newContext"]>[0] = {},
): Promise<{ context: BrowserContext; chat: RoomsPage }> {
  const context = await personContext(browser, baseURL, options);
  return { context, chat: new RoomsPage(await context.newPage()) };
}

export { expect } from "@playwright/test";
export { uniqueName } from "../fixtures/test";
