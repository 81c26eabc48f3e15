import type { BrowserContext } from "@playwright/test";

/**
 * Collects, across every page and navigation of a context, what the browser
 * refused under the Content-Security-Policy: `securitypolicyviolation` events
 * (reported through a binding, so they survive navigation) and console errors
 * that name the policy (Chromium logs some refusals only there). Complaints
 * about the Permissions-Policy header (a feature name Chromium doesn't know)
 * count too.
 */
export async function watchCsp(context: BrowserContext): Promise<string[]> {
  const refused: string[] = [];
  await context.exposeBinding("__parleyCspViolation", ({ page }, text: string) => void refused.push(`${page.url()}: ${text}`));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { __parleyCspViolation: (text: string) => void }).__parleyCspViolation;
      void report(`${event.effectiveDirective} refused ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber}) ${event.sample}`);
    });
  });
  context.on("console", (message) => {
    if (/content security policy|permissions-policy/i.test(message.text()))
      refused.push(`${message.page()?.url()}: console ${message.type()}: ${message.text()}`);
  });
  return refused;
}
