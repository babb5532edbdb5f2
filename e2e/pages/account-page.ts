import type { Locator, Page } from "@playwright/test";

export class AccountPage {
  readonly main: Locator;
  readonly heading: Locator;
  readonly profile: Locator;
  readonly nameInput: Locator;
  readonly saveName: Locator;
  readonly signOutButton: Locator;
  readonly userMenu: Locator;
  readonly currentPassword: Locator;
  readonly newPassword: Locator;
  readonly confirmPassword: Locator;
  readonly changePasswordButton: Locator;

  constructor(readonly page: Page) {
    this.main = page.getByRole("main");
    this.heading = this.main.getByRole("heading", { level: 1, name: "Your account" });
    this.profile = this.main.getByRole("region", { name: "Profile" });
    this.nameInput = this.main.getByLabel("Display name");
    this.saveName = this.main.getByRole("button", { name: /save name|saving/i });
    this.signOutButton = this.main.getByRole("button", { name: /sign out|signing out/i });
    this.userMenu = page.getByRole("banner").getByRole("button", { name: /account menu for/i });
    this.currentPassword = this.main.getByLabel("Current password");
    this.newPassword = this.main.getByLabel("New password", { exact: true });
    this.confirmPassword = this.main.getByLabel("Repeat the new password");
    this.changePasswordButton = this.main.getByRole("button", { name: /change password|changing/i });
  }

  async goto() {
    await this.page.goto("/account");
  }

  async changeName(name: string) {
    await this.nameInput.fill(name);
    await this.saveName.click();
  }

  async changePassword(current: string, next: string, repeated = next) {
    await this.currentPassword.fill(current);
    await this.newPassword.fill(next);
    await this.confirmPassword.fill(repeated);
    await this.changePasswordButton.click();
  }

  /** Signs out through the header's user menu, as most people would. */
  async signOutFromMenu() {
    await this.userMenu.click();
    await this.page.getByRole("menuitem", { name: "Sign out" }).click();
  }
}
