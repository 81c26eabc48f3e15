import type { Browser, BrowserContext } from "@playwright/test";
import { test as base } from "@playwright/test";
import type { ParleyProcess } from "../fixtures/parley-server";
import { parleyFixtures, personContext } from "../fixtures/test";
import { ProfileSettingsPage } from "./profile-settings-page";

/** Its own server (trusting X-Forwarded-For), and an address of their own for each person. */
export const test = base.extend<object, { parley: ParleyProcess }>(parleyFixtures as never);

export async function newProfileVisitor(
  browser: Browser,
  baseURL: string,
  options: Parameters<Browser["newContext"]>[0] = {},
): Promise<{ context: BrowserContext; profile: ProfileSettingsPage }> {
  const context = await personContext(browser, baseURL, options);
  return { context, profile: new ProfileSettingsPage(await context.newPage()) };
}

export { expect } from "@playwright/test";
export { uniqueName } from "../fixtures/test";
