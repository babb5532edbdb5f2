import { expect, type Locator, type Page } from "@playwright/test";

export class AdminProductsPage {
  readonly main: Locator;
  readonly heading: Locator;
  readonly searchBox: Locator;
  readonly table: Locator;
  readonly bulkActions: Locator;
  readonly notice: Locator;

  constructor(readonly page: Page) {
    this.main = page.getByRole("main");
    this.heading = this.main.getByRole("heading", { level: 1, name: "Products" });
    this.searchBox = this.main.getByRole("searchbox", { name: "Search products" });
    this.table = this.main.getByRole("table", { name: "Products" });
    this.bulkActions = this.main.getByRole("region", { name: "Bulk actions" });
    this.notice = this.main.getByRole("status").filter({ hasText: /changed|created/ });
  }

  /** Waits for the first page of rows: the table renders them in the browser, once it is interactive. */
  async goto() {
    await this.page.goto("/admin/products");
    await expect(this.main.getByRole("navigation", { name: "Pages" })).toBeVisible();
  }

  /** Enter searches at once (typing alone searches after a pause). */
  async search(text: string) {
    await this.searchBox.fill(text);
    await this.searchBox.press("Enter");
    await expect(this.page).toHaveURL(/[?&]q=/);
  }

  row(name: string) {
    return this.table.getByRole("row").filter({ hasText: name });
  }

  price(name: string) {
    return this.table.getByRole("textbox", { name: `Price of ${name}` });
  }

  /** The cell's spoken state: "Saving…", then "Saved". */
  saveStatus(name: string, text: "Saving…" | "Saved") {
    return this.row(name).getByRole("status").filter({ hasText: text });
  }

  active(name: string) {
    return this.table.getByRole("switch", { name: `Active: ${name}` });
  }

  /** Focus the cell, type, Enter: the way staff edit a price in place. */
  async editPrice(name: string, value: string) {
    const cell = this.price(name);
    await cell.click();
    await cell.fill(value);
    await cell.press("Enter");
  }

  async select(name: string) {
    await this.table.getByRole("checkbox", { name: `Select ${name}` }).check();
  }

  async selectAllOnPage() {
    await this.table.getByRole("checkbox", { name: "Select all on this page" }).check();
  }

  async bulk(action: "Activate" | "Deactivate") {
    await this.bulkActions.getByRole("button", { name: action }).click();
  }
}
