import type { Locator, Page } from "@playwright/test";
import { expect } from "@playwright/test";

/** /settings/profile, in the words the screen uses. */
export class ProfileSettingsPage {
  constructor(readonly page: Page) {}

  /**
   * Signs up through the form and waits for the app to land on the chat, without
   * depending on what the chat screen shows (another spec's concern).
   */
  async signUp(username: string, displayName: string, password = "correct horse") {
    await this.page.goto("/signup");
    await this.page.getByLabel("Username").fill(username);
    await this.page.getByLabel("Display name").fill(displayName);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Sign up" }).click();
    await expect(this.page).toHaveURL(/\/$/);
  }

  async goto() {
    await this.page.goto("/settings/profile");
    await expect(this.page.getByRole("heading", { name: "Your profile" })).toBeVisible();
  }

  /** /settings: every notification setting is there, not on the profile page. */
  async gotoNotifications() {
    await this.page.goto("/settings");
    await expect(this.page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
  }

  get displayName(): Locator {
    return this.page.getByLabel("Display name", { exact: true });
  }

  get statusLine(): Locator {
    return this.page.getByLabel("Status", { exact: true });
  }

  get save(): Locator {
    return this.page.getByRole("button", { name: "Save", exact: true });
  }

  get avatarInput(): Locator {
    return this.page.getByLabel("Avatar", { exact: true });
  }

  get preview(): Locator {
    return this.page.getByRole("img", { name: "Preview of your new avatar" });
  }

  get progress(): Locator {
    return this.page.getByRole("progressbar", { name: "Avatar upload" });
  }

  get uploadButton(): Locator {
    return this.page.getByRole("button", { name: "Upload avatar" });
  }

  get removeButton(): Locator {
    return this.page.getByRole("button", { name: "Remove avatar" });
  }

  get alert(): Locator {
    return this.page.getByRole("main").getByRole("alert");
  }

  /** The image or initials shown as "Current avatar". */
  get currentAvatar(): Locator {
    return this.page.getByRole("figure").filter({ hasText: "Current avatar" }).getByRole("img");
  }

  get pushSection(): Locator {
    return this.page.getByRole("region", { name: "Push notifications" });
  }

  muteToggle(room: string): Locator {
    return this.page.getByRole("checkbox", { name: `Mute #${room}` });
  }

  async saveDetails(displayName: string, statusLine?: string) {
    await this.displayName.fill(displayName);
    if (statusLine !== undefined) await this.statusLine.fill(statusLine);
    await this.save.click();
    await expect(this.page.getByRole("status").filter({ hasText: "Profile saved." })).toBeVisible();
  }
}
