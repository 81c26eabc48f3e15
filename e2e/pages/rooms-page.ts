import type { Locator } from "@playwright/test";
import { expect } from "@playwright/test";
import { ChatPage } from "./chat-page";

/** Rooms, direct messages and commands, in the words the screen uses. */
export class RoomsPage extends ChatPage {
  /** The composer of whatever conversation is on screen. */
  get input(): Locator {
    return this.page.getByRole("textbox", { name: /^Message / });
  }

  get sidebar(): Locator {
    return this.page.getByRole("navigation", { name: "Conversations" });
  }

  roomLink(name: string): Locator {
    return this.sidebar.getByRole("link", { name: new RegExp(`^# ${name}(\\s|$)`) });
  }

  conversationLink(title: string): Locator {
    return this.sidebar.getByRole("link", { name: new RegExp(`^${title}(\\s|$)`) });
  }

  heading(title: string): Locator {
    return this.page.getByRole("heading", { level: 1, name: title, exact: true });
  }

  /** Local lines: command output and errors. */
  get output(): Locator {
    return this.page.locator('li[data-kind="system"]');
  }

  async say(text: string) {
    await this.input.fill(text);
    await this.input.press("Enter");
    await expect(this.message(text)).toBeVisible();
  }

  async run(command: string) {
    await this.input.fill(command);
    await expect(this.page.getByRole("button", { name: "Run" })).toBeVisible();
    await this.page.getByRole("button", { name: "Run" }).click();
  }

  async createRoom(name: string, options: { kind?: "Public" | "Private" | "Hidden"; password?: string; limit?: number } = {}) {
    await this.page.getByRole("button", { name: "Create room" }).click();
    const dialog = this.page.getByRole("dialog", { name: "Create room" });
    await dialog.getByLabel("Room name").fill(name);
    if (options.kind) await dialog.getByRole("radio", { name: new RegExp(`^${options.kind}`) }).check();
    if (options.password) await dialog.getByLabel(/Room password/).fill(options.password);
    if (options.limit !== undefined) await dialog.getByLabel("Member limit").fill(String(options.limit));
    await dialog.getByRole("button", { name: "Create room", exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(this.heading(`# ${name}`)).toBeVisible();
  }

  async logOut() {
    await this.page.getByRole("button", { name: "Log out" }).click();
    await expect(this.page).toHaveURL(/\/login/);
  }
}
