import { expect, type Locator, type Page } from "@playwright/test";

export class AdminOrdersPage {
  readonly main: Locator;
  readonly heading: Locator;
  readonly searchBox: Locator;
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.main = page.getByRole("main");
    this.heading = this.main.getByRole("heading", { level: 1, name: "Orders" });
    this.searchBox = this.main.getByRole("searchbox", { name: "Search orders" });
    this.table = this.main.getByRole("table", { name: "Orders" });
  }

  /** Waits for the first page of rows: the table renders them in the browser, once it is interactive. */
  async goto() {
    await this.page.goto("/admin/orders");
    await expect(this.main.getByRole("navigation", { name: "Pages" })).toBeVisible();
  }

  async search(text: string) {
    await this.searchBox.fill(text);
    await this.searchBox.press("Enter");
    await expect(this.page).toHaveURL(/[?&]q=/);
  }

  /** The table shows an order by the last 8 characters of its ID. */
  row(orderId: string) {
    return this.table.getByRole("row").filter({ hasText: orderId.slice(-8) });
  }

  status(orderId: string) {
    return this.row(orderId).getByRole("combobox", { name: /^Status of order/ });
  }

  /** Opens the row's status select and picks the next status by its label, e.g. "Paid". */
  async changeStatus(orderId: string, label: string) {
    await this.status(orderId).click();
    await this.page.getByRole("option", { name: label, exact: true }).click();
  }
}
