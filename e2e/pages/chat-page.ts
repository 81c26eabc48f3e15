import type { Locator, Page } from "@playwright/test";
import { expect } from "@playwright/test";

/** What a person does in Parley, in the words the screen uses. */
export class ChatPage {
  constructor(readonly page: Page) {}

  async signUp(username: string, displayName: string, password = "correct horse") {
    await this.page.goto("/signup");
    await this.page.getByLabel("Username").fill(username);
    await this.page.getByLabel("Display name").fill(displayName);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Sign up" }).click();
    await this.expectInChat();
  }

  async logIn(username: string, password = "correct horse") {
    await this.page.goto("/login");
    await this.page.getByLabel("Username").fill(username);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Log in" }).click();
  }

  async expectInChat() {
    await expect(this.page.getByRole("heading", { name: "# general" })).toBeVisible();
    await expect(this.page.getByRole("status")).toHaveCount(0);
  }

  get composer(): Locator {
    return this.page.getByRole("textbox", { name: "Message #general" });
  }

  get messages(): Locator {
    return this.page.locator('li[data-kind="message"]');
  }

  message(text: string): Locator {
    return this.messages.filter({ hasText: text });
  }

  /** A message stored exactly as `text` (not one that merely contains it). */
  exactMessage(text: string): Locator {
    return this.messages.filter({ has: this.page.getByText(text, { exact: true }) });
  }

  /** Sent by this tab but not stored yet ("Sending…" or "Not sent"). */
  get pending(): Locator {
    return this.page.locator('li[data-kind="pending"]');
  }

  /** The text of each stored message, in the order shown. */
  get bodies(): Locator {
    return this.messages.locator("[data-message-body]");
  }

  get messageList(): Locator {
    return this.page.getByLabel("Messages", { exact: true });
  }

  /**
   * The text of each stored message in the loaded stream, oldest first (as `bodies`, one
   * entry per body paragraph). The list is virtual — only rows near the viewport are in
   * the DOM — so this reads it by scrolling through it, never so near the top that older
   * history would load, and ends at the bottom.
   */
  async readStream(): Promise<string[]> {
    return this.messageList.evaluate(async (el) => {
      const settle = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
      // By place in the stream: the list's Tab stop (the newest, by default) is always mounted.
      const rows = new Map<string, { at: number; texts: string[] }>();
      el.scrollTop = 120;
      for (let step = 0; step < 500; step++) {
        await settle();
        for (const row of el.querySelectorAll<HTMLElement>('li[data-kind="message"]')) {
          const key = row.dataset.row ?? "";
          const at = Number(row.getAttribute("aria-posinset"));
          if (!rows.has(key)) rows.set(key, { at, texts: [...row.querySelectorAll("[data-message-body]")].map((p) => p.textContent ?? "") });
        }
        if (el.scrollTop + el.clientHeight >= el.scrollHeight - 1) break;
        el.scrollTop += el.clientHeight / 2;
      }
      el.scrollTop = el.scrollHeight;
      return [...rows.values()].sort((a, b) => a.at - b.at).flatMap((row) => row.texts);
    });
  }

  /** Presses Enter without waiting for the server: the message may only be queued. */
  async type(text: string) {
    await this.composer.fill(text);
    await this.composer.press("Enter");
    await expect(this.composer).toHaveValue("");
  }

  get typing(): Locator {
    return this.page.getByTestId("typing");
  }

  async send(text: string) {
    await this.composer.fill(text);
    await this.composer.press("Enter");
    await expect(this.message(text)).toBeVisible();
  }
}
