import type { Locator, Page } from "@playwright/test";

export class SignInPage {
  readonly main: Locator;
  readonly heading: Locator;
  readonly email: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly alert: Locator;

  constructor(readonly page: Page) {
    this.main = page.getByRole("main");
    this.heading = this.main.getByRole("heading", { name: "Sign in" });
    this.email = this.main.getByLabel("Email");
    this.password = this.main.getByLabel("Password");
    this.submit = this.main.getByRole("button", { name: /sign in|signing in/i });
    this.alert = this.main.getByRole("alert");
  }

  async goto() {
    await this.page.goto("/sign-in");
  }

  async signIn(credentials: { email: string; password: string }) {
    await this.email.fill(credentials.email);
    await this.password.fill(credentials.password);
    await this.submit.click();
  }
}
