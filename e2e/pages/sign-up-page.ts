import type { Locator, Page } from "@playwright/test";
import type { Customer } from "../fixtures";

export class SignUpPage {
  readonly main: Locator;
  readonly name: Locator;
  readonly email: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly alert: Locator;

  constructor(readonly page: Page) {
    this.main = page.getByRole("main");
    this.name = this.main.getByLabel("Name");
    this.email = this.main.getByLabel("Email");
    this.password = this.main.getByLabel("Password");
    this.submit = this.main.getByRole("button", { name: /create account|creating account|signing you in/i });
    this.alert = this.main.getByRole("alert");
  }

  async goto() {
    await this.page.goto("/sign-up");
  }

  async signUp(customer: Customer) {
    await this.name.fill(customer.name);
    await this.email.fill(customer.email);
    await this.password.fill(customer.password);
    await this.submit.click();
  }
}
