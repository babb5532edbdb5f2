import type { Locator, Page } from "@playwright/test";

/** /help/<documentId>: a knowledge document's passages, as a citation opens it. */
export class KnowledgeViewerPage {
  readonly main: Locator;
  readonly passages: Locator;

  constructor(readonly page: Page) {
    this.main = page.getByRole("main");
    this.passages = this.main.getByRole("list", { name: "Passages" }).getByRole("listitem");
  }

  heading(title: string) {
    return this.main.getByRole("heading", { level: 1, name: title });
  }

  /** Opens the document at one passage, the way a numbered citation links to it. */
  gotoPassage(documentId: string, position: number) {
    return this.page.goto(`/help/${documentId}#passage-${position}`);
  }

  passage(position: number) {
    return this.page.locator(`[id="passage-${position}"]`);
  }
}
