import { expect, type Locator, type Page } from "@playwright/test";

export class AdminAuditPage {
  readonly main: Locator;
  readonly heading: Locator;
  readonly entityFilter: Locator;
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.main = page.getByRole("main");
    this.heading = this.main.getByRole("heading", { level: 1, name: "Audit log" });
    this.entityFilter = this.main.getByLabel("Entity");
    this.table = this.main.getByRole("table", { name: /audit log/i });
  }

  /** Waits for the first page of entries: the table renders them in the browser, once it is interactive. */
  async goto() {
    await this.page.goto("/admin/audit");
    await expect(this.main.getByRole("navigation", { name: "Pages" })).toBeVisible();
  }

  /** The entries about one row (product, order, …), newest first. */
  entries(entityId: string) {
    return this.table.getByRole("row").filter({ hasText: entityId });
  }
}
