import type { Locator } from "@playwright/test";
import type { AdminConsole } from "./admin-console";

/** The Audit log section: filters and rows. */
export class AdminAudit {
  constructor(readonly console: AdminConsole) {}

  async filter(options: { action?: string; actor?: string; target?: string }) {
    const main = this.console.main;
    await main.getByLabel("Action").selectOption(options.action ?? "");
    await main.getByLabel("Actor (username)").fill(options.actor ?? "");
    await main.getByLabel("Target (username)").fill(options.target ?? "");
    await main.getByRole("button", { name: "Filter" }).click();
  }

  get rows(): Locator {
    return this.console.main.getByRole("region", { name: "Audit log entries" }).locator("tbody tr");
  }

  rowFor(action: string): Locator {
    return this.console.main.locator(`tbody tr[data-action="${action}"]`);
  }
}
