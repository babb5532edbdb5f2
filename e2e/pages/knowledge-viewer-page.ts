import type { Locator, Page } from "@playwright/test";
import { passageHref } from "../../server/knowledge/knowledge.schemas";

/** /help/<documentId>: a knowledge document rendered as an article, as a citation opens it. */
export class KnowledgeViewerPage {
  readonly main: Locator;
  readonly article: Locator;
  /** Every piece of the document's text (each names the passages it belongs to). */
  readonly text: Locator;
  /** The pieces of the cited passage, highlighted. */
  readonly cited: Locator;
  readonly earlier: Locator;
  readonly later: Locator;

  constructor(readonly page: Page) {
    this.main = page.getByRole("main");
    this.article = this.main.getByRole("article");
    this.text = this.article.locator("[data-passages]");
    this.cited = this.article.locator("[data-cited]");
    this.earlier = this.article.getByRole("link", { name: "Earlier passages" });
    this.later = this.article.getByRole("link", { name: "Later passages" });
  }

  heading(title: string) {
    return this.main.getByRole("heading", { level: 1, name: title });
  }

  /** Opens the document at one passage, by the link a numbered citation carries. */
  gotoPassage(documentId: string, position: number) {
    return this.page.goto(passageHref(documentId, position));
  }

  /** The passage's anchor: the first piece of its text, where a citation scrolls to. */
  passage(position: number) {
    return this.article.locator(`[id="passage-${position}"]`);
  }

  /** The text of the highlighted region, in reading order. */
  async citedText() {
    return (await this.cited.allTextContents()).join("");
  }
}
