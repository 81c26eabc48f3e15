/** A Chromium already on this machine, or undefined to use Playwright's own. */
export function systemChromium(): string | undefined;
