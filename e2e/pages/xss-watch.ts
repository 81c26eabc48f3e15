import type { Browser, BrowserContext, Page } from "@playwright/test";
import { expect } from "@playwright/test";
import { personContext } from "../fixtures/test";

/**
 * A person's browser that reports any hostile payload that ran: a write to
 * `window.__xss` (through a setter, so it is caught even if the page navigates
 * away), or a dialog (alert/confirm/prompt), which is dismissed.
 *
 * The Content-Security-Policy is bypassed on purpose: it would block an injected
 * script, and this test is about the layer underneath, that text never becomes
 * markup in the first place.
 */
export async function xssWatchedContext(browser: Browser, baseURL: string): Promise<{ context: BrowserContext; ran: string[] }> {
  const context = await personContext(browser, baseURL, { bypassCSP: true });
  const ran: string[] = [];
  await context.exposeBinding("__parleyXssRan", ({ page }, what: string) => void ran.push(`${page.url()}: ${what}`));
  await context.addInitScript(() => {
    const report = (what: string) => (window as unknown as { __parleyXssRan: (w: string) => void }).__parleyXssRan(what);
    Object.defineProperty(window, "__xss", { configurable: false, get: () => undefined, set: () => report("window.__xss was set") });
  });
  context.on("dialog", (dialog) => {
    ran.push(`${dialog.page()?.url()}: ${dialog.type()}(${dialog.message()})`);
    void dialog.dismiss().catch(() => undefined);
  });
  return { context, ran };
}

/** Nothing ran, and no payload became an element, a frame or a javascript: link on this page. */
export async function expectNoMarkup(page: Page, ran: string[]) {
  const found = await page.evaluate(() => ({
    injected: document.querySelectorAll("[data-xss]").length,
    frames: document.querySelectorAll("iframe, object, embed, frame").length,
    // Payload URLs all carry __xss or alert; React's own guard on client-rendered
    // action forms (action="javascript:throw new Error('A React form was…')") does not.
    scriptLinks: [...document.querySelectorAll("[href], [src], [action], [formaction]")].filter((e) =>
      ["href", "src", "action", "formaction"].some(
        (a) => /^\s*(javascript|data):/i.test(e.getAttribute(a) ?? "") && /__xss|alert/.test(e.getAttribute(a) ?? ""),
      ),
    ).length,
    // Inside message bodies (rendered Markdown): no image, no handler attribute, and every
    // link an http(s)/mailto one that opens apart from Parley.
    bodyImages: document.querySelectorAll("[data-message-body] img, [data-message-body] svg:not(.lucide)").length,
    bodyHandlers: [...document.querySelectorAll("[data-message-body] *")].filter((e) => e.getAttributeNames().some((a) => /^on/i.test(a))).length,
    bodyBadLinks: [...document.querySelectorAll("[data-message-body] a")].filter(
      (a) =>
        !/^(https?|mailto):/i.test(a.getAttribute("href") ?? "") ||
        a.getAttribute("target") !== "_blank" ||
        a.getAttribute("rel") !== "noopener noreferrer nofollow ugc",
    ).length,
  }));
  expect({ ...found, ran }, page.url()).toEqual({ injected: 0, frames: 0, scriptLinks: 0, bodyImages: 0, bodyHandlers: 0, bodyBadLinks: 0, ran: [] });
}
