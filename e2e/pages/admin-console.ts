import type { Locator, Page } from "@playwright/test";
import { expect } from "@playwright/test";

export type AdminSection = "Dashboard" | "Users" | "Messages" | "Reports" | "Spam log" | "Audit log" | "Settings";

/** The moderation console's frame: section navigation, headings, dialogs and status lines. */
export class AdminConsole {
  constructor(readonly page: Page) {}

  get nav(): Locator {
    return this.page.getByRole("navigation", { name: "Moderation sections" });
  }

  get main(): Locator {
    return this.page.getByRole("main");
  }

  get dialog(): Locator {
    return this.page.getByRole("dialog");
  }

  /** Opens /admin if needed, then goes to the section with the keyboard (focus the link, Enter). */
  async open(section: AdminSection) {
    if (!new URL(this.page.url()).pathname.startsWith("/admin")) await this.page.goto("/admin");
    const link = this.nav.getByRole("link", { name: section, exact: true });
    await link.focus();
    await link.press("Enter");
    await this.expectSection(section);
  }

  async expectSection(section: AdminSection) {
    await expect(this.main.getByRole("heading", { level: 1, name: section })).toBeVisible();
    await expect(this.nav.getByRole("link", { name: section, exact: true })).toHaveAttribute("aria-current", "page");
  }

  /** The status line that announces progress and success in the current section. */
  statusText(text: string | RegExp): Locator {
    return this.main.getByRole("status").filter({ hasText: text });
  }

  /** Fills the open dialog's reason and presses its confirm button. */
  async confirm(button: string | RegExp, reason?: string) {
    if (reason !== undefined) await this.dialog.getByLabel("Reason").fill(reason);
    await this.dialog.getByRole("button", { name: button }).click();
  }
}
