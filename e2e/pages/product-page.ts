import type { Locator, Page } from "@playwright/test";

export class ProductPage {
  readonly main: Locator;
  readonly heading: Locator;
  readonly quantity: Locator;
  readonly addToCart: Locator;
  readonly addedMessage: Locator;
  readonly reviews: Locator;
  readonly cartButton: Locator;

  constructor(readonly page: Page) {
    this.main = page.getByRole("main");
    this.heading = this.main.getByRole("heading", { level: 1 });
    this.quantity = this.main.getByRole("spinbutton", { name: "Quantity" });
    this.addToCart = this.main.getByRole("button", { name: "Add to cart" });
    this.addedMessage = this.main.getByRole("status").filter({ hasText: /added|your cart now has/i });
    this.reviews = this.main.getByRole("region", { name: "Customer reviews" });
    this.cartButton = page.getByRole("banner").getByRole("link", { name: /^cart/i });
  }

  async goto(slug: string) {
    await this.page.goto(`/products/${slug}`);
  }

  async add(quantity: number) {
    await this.quantity.fill(String(quantity));
    await this.addToCart.click();
  }
}
