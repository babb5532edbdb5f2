import { expect, type Locator, type Page } from "@playwright/test";

/** /admin/assistant: refused and rated-down answers for staff to review. */
export class AdminAssistantPage {
  readonly main: Locator;
  readonly heading: Locator;
  readonly filter: Locator;
  readonly list: Locator;

  constructor(readonly page: Page) {
    this.main = page.getByRole("main");
    this.heading = this.main.getByRole("heading", { level: 1, name: "Assistant" });
    this.filter = this.main.getByRole("combobox", { name: "Show" });
    this.list = this.main.getByRole("list", { name: "Answers to review" });
  }

  /** Waits for the list: it renders in the browser once the page is interactive. */
  async goto() {
    await this.page.goto("/admin/assistant");
    await expect(this.heading).toBeVisible();
    await expect(this.list.getByRole("listitem").first()).toBeVisible();
  }

  /** The reviewed answer to `question` (each item is named after its question). */
  item(question: string) {
    return this.list.getByRole("listitem", { name: question, exact: true });
  }

  passages(question: string) {
    return this.item(question).getByRole("list", { name: "Passages retrieved" }).getByRole("link");
  }
}
