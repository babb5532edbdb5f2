import type { Locator, Page } from "@playwright/test";

export class OrderPage {
  readonly main: Locator;
  readonly heading: Locator;
  readonly status: Locator;
  readonly items: Locator;
  readonly payNow: Locator;
  readonly cancelOrder: Locator;
  readonly notice: Locator;

  constructor(readonly page: Page) {
    this.main = page.getByRole("main");
    this.heading = this.main.getByRole("heading", { level: 1, name: /^Order [A-Z0-9]{8}$/ });
    this.status = this.main.getByRole("status", { name: "Order status" });
    this.items = this.main.getByRole("list", { name: "Order items" }).getByRole("listitem");
    this.payNow = this.main.getByRole("button", { name: /pay now|paying/i });
    this.cancelOrder = this.main.getByRole("button", { name: /cancel order|cancelling/i });
    this.notice = this.main.getByRole("status").filter({ hasText: /payment received|is cancelled/i });
  }

  /** "AB12CD34", as the confirmation mail's subject has it. */
  async reference() {
    const text = (await this.heading.textContent()) ?? "";
    return text.replace(/^Order /, "").trim();
  }
}
