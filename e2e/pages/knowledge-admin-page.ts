import { expect, type Locator, type Page } from "@playwright/test";

/** /admin/knowledge: the upload form and the documents table. */
export class KnowledgeAdminPage {
  readonly main: Locator;
  readonly heading: Locator;
  readonly fileInput: Locator;
  readonly uploadButton: Locator;
  readonly refusal: Locator;
  readonly success: Locator;
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.main = page.getByRole("main");
    this.heading = this.main.getByRole("heading", { level: 1, name: "Knowledge base" });
    this.fileInput = this.main.getByLabel("Document", { exact: true });
    this.uploadButton = this.main.getByRole("button", { name: "Upload", exact: true });
    this.refusal = this.main.getByRole("alert").filter({ hasText: "Upload refused" });
    this.success = this.main.getByRole("status").filter({ hasText: "was added" });
    this.table = this.main.getByRole("table", { name: "Knowledge base documents" });
  }

  /** Waits for the table's rows: they render in the browser once it is interactive. */
  async goto() {
    await this.page.goto("/admin/knowledge");
    await expect(this.heading).toBeVisible();
    await expect(this.table.getByRole("row").nth(1)).toBeVisible();
  }

  async upload(file: { name: string; mimeType: string; buffer: Buffer }) {
    await this.fileInput.setInputFiles(file);
    await this.uploadButton.click();
  }

  row(title: string) {
    return this.table.getByRole("row").filter({ hasText: title });
  }

  progress(title: string) {
    return this.row(title).getByRole("progressbar", { name: `Indexing progress of ${title}` });
  }

  status(title: string, label: "Queued" | "Indexing" | "Ready" | "Failed") {
    return this.row(title).getByText(label, { exact: true });
  }

  passages(title: string) {
    return this.row(title).getByRole("cell").nth(5);
  }

  async reindex(title: string) {
    await this.row(title)
      .getByRole("button", { name: `Re-index “${title}”` })
      .click();
  }

  /** Delete, then confirm in the dialog. */
  async delete(title: string) {
    await this.row(title)
      .getByRole("button", { name: `Delete “${title}”` })
      .click();
    const dialog = this.page.getByRole("alertdialog", { name: `Delete “${title}”?` });
    await dialog.getByRole("button", { name: "Delete document" }).click();
    await expect(dialog).toBeHidden();
  }
}
