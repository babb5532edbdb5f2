import { expect, type Locator, type Page } from "@playwright/test";

export class CartPage {
  readonly main: Locator;
  readonly heading: Locator;
  readonly list: Locator;
  readonly lines: Locator;
  readonly subtotal: Locator;
  readonly checkOut: Locator;
  readonly emptyState: Locator;

  constructor(readonly page: Page) {
    this.main = page.getByRole("main");
    this.heading = this.main.getByRole("heading", { level: 1, name: "Your cart" });
    this.list = this.main.getByRole("list", { name: "Cart items" });
    this.lines = this.list.getByRole("listitem");
    this.subtotal = this.main.getByRole("definition").first();
    // A button when signed in, a link to sign in otherwise.
    this.checkOut = this.main
      .getByRole("button", { name: /check out|try again/i })
      .or(this.main.getByRole("link", { name: "Check out" }));
    this.emptyState = this.main.getByRole("heading", { name: "Your cart is empty" });
  }

  async goto() {
    await this.page.goto("/cart");
  }

  /** The cart looks up current prices and stock when it opens; resolves when that is done. */
  async waitUntilChecked() {
    await expect(this.list).toBeVisible();
    await expect(this.list).toHaveAttribute("aria-busy", "false");
  }

  line(name: string) {
    return this.lines.filter({ hasText: name });
  }

  quantityOf(name: string) {
    return this.main.getByRole("spinbutton", { name: `Quantity of ${name}` });
  }
}
