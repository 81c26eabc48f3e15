import type { Locator } from "@playwright/test";
import { expect } from "@playwright/test";
import type { AdminConsole } from "./admin-console";

type Action = "Ban" | "Temp-ban" | "Unban" | "Timeout" | "End timeout" | "Kick" | "Force logout" | "Change role";

/** The Users section: search, rows by username, and per-row actions through their dialog. */
export class AdminUsers {
  constructor(readonly console: AdminConsole) {}

  async search(text: string) {
    await this.console.main.getByLabel("Search users").fill(text);
  }

  row(username: string): Locator {
    return this.console.main.getByRole("row").filter({ has: this.console.page.getByRole("rowheader", { name: `@${username}`, exact: true }) });
  }

  async openAction(username: string, action: Action) {
    await this.search(username);
    const row = this.row(username);
    await row.getByRole("button", { name: `Actions for ${username}`, exact: true }).click();
    await this.console.page.getByRole("menu").getByRole("menuitem", { name: action, exact: true }).click();
    await expect(this.console.dialog).toBeVisible();
  }

  /** Runs an action end to end; `duration` is a preset label ("1 h") or custom minutes. */
  async act(
    username: string,
    action: Action,
    options: { reason: string; duration?: string | number; role?: "user" | "moderator" | "admin"; confirm: string | RegExp },
  ) {
    await this.openAction(username, action);
    const dialog = this.console.dialog;
    if (typeof options.duration === "string") await dialog.getByRole("radio", { name: options.duration, exact: true }).check();
    if (typeof options.duration === "number") {
      await dialog.getByRole("radio", { name: "Custom", exact: true }).check();
      await dialog.getByLabel("Custom minutes").fill(String(options.duration));
    }
    if (options.role) await dialog.getByLabel("New role").selectOption(options.role);
    await this.console.confirm(options.confirm, options.reason);
  }
}
