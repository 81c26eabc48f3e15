import type { Locator } from "@playwright/test";
import type { AdminConsole } from "./admin-console";

/** The Reports section: one card per reported message. */
export class AdminReports {
  constructor(readonly console: AdminConsole) {}

  card(authorDisplayName: string): Locator {
    return this.console.main
      .getByRole("article")
      .filter({ has: this.console.page.getByRole("heading", { name: new RegExp(`^Message by ${authorDisplayName} `) }) });
  }

  async resolve(card: Locator, button: "Delete message" | RegExp, reason: string, confirm: string) {
    await card.getByRole("button", { name: button }).click();
    await this.console.confirm(confirm, reason);
  }
}
