import { expect, type Locator, type Page } from "@playwright/test";

export class CatalogPage {
  readonly main: Locator;
  readonly heading: Locator;
  readonly searchBox: Locator;
  readonly category: Locator;
  readonly minPrice: Locator;
  readonly maxPrice: Locator;
  readonly applyPrice: Locator;
  readonly inStockOnly: Locator;
  readonly sort: Locator;
  readonly products: Locator;
  readonly productLinks: Locator;
  readonly loadMore: Locator;
  readonly emptyState: Locator;

  constructor(readonly page: Page) {
    this.main = page.getByRole("main");
    this.heading = this.main.getByRole("heading", { level: 1, name: "Shop" });
    this.searchBox = this.main.getByRole("searchbox", { name: "Search products" });
    this.category = this.main.getByLabel("Category");
    this.minPrice = this.main.getByLabel("Min price");
    this.maxPrice = this.main.getByLabel("Max price");
    this.applyPrice = this.main.getByRole("button", { name: "Apply price" });
    this.inStockOnly = this.main.getByLabel("In stock only");
    this.sort = this.main.getByLabel("Sort by");
    this.products = this.main.getByRole("list", { name: "Products" }).getByRole("listitem");
    this.productLinks = this.products.getByRole("link");
    this.loadMore = this.main.getByRole("button", { name: /load more|loading more/i });
    this.emptyState = this.main.getByRole("heading", { name: /no products match/i });
  }

  async goto(search = "") {
    await this.page.goto(`/products${search}`);
    await expect(this.heading).toBeVisible();
  }

  /** Types the query and presses Enter; resolves once the URL carries it and results settled. */
  async search(q: string) {
    await this.searchBox.fill(q);
    await this.searchBox.press("Enter");
    await expect(this.page).toHaveURL((url) => url.searchParams.get("q") === q.trim());
    // "Similar to …" when only the typo-tolerant fallback found something.
    await expect(
      this.main.getByRole("heading", { name: new RegExp(`^(Results for|Similar to) “${escapeRegExp(q.trim())}”$`) }),
    ).toBeVisible();
    await expect(this.main.locator("[aria-busy=true]")).toHaveCount(0);
  }

  product(name: string) {
    return this.productLinks.filter({ hasText: name }).first();
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
