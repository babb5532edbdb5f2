import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Page } from "@playwright/test";
import { chunkBlocks, markdownBlocks } from "../server/knowledge/chunking";
import { expect, test } from "./fixtures";
import { KnowledgeViewerPage } from "./pages/knowledge-viewer-page";

/**
 * The passages of the shipping article as the server indexed them: the same corpus file through
 * the same chunking (ingestion does exactly this for a help-centre Markdown file).
 */
const SHIPPING = readFileSync(
  fileURLToPath(new URL("../server/knowledge/corpus/shipping.md", import.meta.url)),
  "utf8",
);
const chunks = chunkBlocks(markdownBlocks(SHIPPING, "Shipping and Delivery"));
const passageOf = (pattern: RegExp) => chunks.find((c) => pattern.test(c.text))!;

/** A passage's text as a reader sees it: Markdown syntax gone, whitespace aside. */
const asRead = (markdown: string) =>
  markdown
    .replace(/^\|[\s|:-]+\|$/gm, "")
    .replace(/\*\*|\|/g, "")
    .replace(/^(?:[-*]|\d+\.)\s+/gm, "")
    .replace(/\s+/g, "");
const squash = (text: string) => text.replace(/\s+/g, "");

/** The help centre is indexed by a job right after start-up: the shipping article's id once listed. */
async function shippingArticleId(page: Page) {
  const link = page.getByRole("region", { name: "Help articles" }).getByRole("link", { name: /Shipping and Delivery/ });
  await expect(async () => {
    await page.goto("/help");
    await expect(link).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  return decodeURIComponent((await link.getAttribute("href"))!.split("/").pop()!);
}

test("a help article reads as a document: headings, a real table, lists, no Markdown or passage labels", async ({
  page,
}) => {
  const documentId = await shippingArticleId(page);
  await page.goto(`/help/${documentId}`);
  const viewer = new KnowledgeViewerPage(page);
  await expect(viewer.heading("Shipping and Delivery")).toBeVisible();

  const table = viewer.article.getByRole("table");
  await expect(table).toHaveCount(1);
  await expect(table.getByRole("columnheader")).toHaveText(["Option", "Delivery time", "Cost"]);
  await expect(table.getByRole("row").filter({ hasText: "Express" })).toHaveText(
    /Express\s*1–2 business days after dispatch\s*\$12\.99/,
  );
  await expect(table.getByRole("row")).toHaveCount(4);
  await expect(
    viewer.article.getByRole("listitem").filter({ hasText: "Orders paid by 2:00 pm ET on a Friday" }),
  ).toHaveText("Orders paid by 2:00 pm ET on a Friday arrive on Monday.");
  await expect(viewer.article.locator("strong").filter({ hasText: "2:00 pm Eastern Time (ET)" })).toBeVisible();

  // Headings in order, each section once: h2 under the h1, h3 under its h2.
  const headings = await viewer.article
    .getByRole("heading")
    .evaluateAll((elements) => elements.map((h) => `${h.tagName} ${h.textContent}`));
  expect(headings.slice(0, 5)).toEqual([
    "H1 Shipping and Delivery",
    "H2 Delivery options",
    "H3 Next-day delivery cut-off times",
    "H3 Bulky and heavy items",
    "H2 Shipping costs and free shipping",
  ]);
  expect(headings.filter((h) => h === "H2 Countries we ship to")).toHaveLength(1);

  const text = await viewer.article.innerText();
  for (const syntax of ["**", "| ---", "Passage 1", "- Pay"]) expect(text).not.toContain(syntax);
  // The passages overlap in the "Countries" section; the shared sentence is shown once.
  expect(text.split("Import duties and taxes for international orders")).toHaveLength(2);
  // Every passage keeps its (invisible) anchor.
  await expect(viewer.article.locator("[id^='passage-']")).toHaveCount(chunks.length);
});

test("a citation opens the article at the cited passage and highlights exactly its text", async ({ page }) => {
  const documentId = await shippingArticleId(page);
  const viewer = new KnowledgeViewerPage(page);
  // Two passages that overlap: "…duties and taxes … on delivery." ends the first and starts the second.
  const countries = passageOf(/^We deliver to:/);
  const rest = passageOf(/^duties and taxes/);
  expect(rest.position).toBe(countries.position + 1);

  for (const [passage, neighbourOnly] of [
    [rest, "International standard delivery takes 6–10 business days"],
    [countries, "We cannot ship to other countries yet"],
  ] as const) {
    await viewer.gotoPassage(documentId, passage.position);
    await expect(viewer.heading("Shipping and Delivery")).toBeVisible();
    await expect(viewer.passage(passage.position)).toHaveAttribute("data-cited", "");
    await expect.poll(() => viewer.citedText().then(squash)).toBe(asRead(passage.text));
    // Nothing of the neighbour beyond what the two share.
    expect(squash(await viewer.citedText())).not.toContain(squash(neighbourOnly));
    await expect(viewer.passage(passage.position)).toBeInViewport();
    await expect(viewer.passage(passage.position)).toBeFocused();
    // Screen readers hear where the cited passage starts and ends.
    await expect(viewer.article.getByText("Cited passage:", { exact: true }).filter({ visible: true })).toHaveCount(1);
    await expect(viewer.article.getByText("(end of cited passage)").filter({ visible: true })).toHaveCount(1);
  }

  // The delivery table, cited: its rows are highlighted, the passage before it is not.
  const delivery = passageOf(/\| Express/);
  await viewer.gotoPassage(documentId, delivery.position);
  await expect.poll(() => viewer.citedText().then(squash)).toBe(asRead(delivery.text));
  await expect(viewer.article.getByRole("table").locator("[data-cited]").first()).toBeVisible();
  expect(await viewer.citedText()).not.toContain("Everything you need to know");

  // A later in-page change of the fragment moves the highlight (no reload, no :target reliance).
  await page.evaluate((hash) => (window.location.hash = hash), `passage-${countries.position}`);
  await expect.poll(() => viewer.citedText().then(squash)).toBe(asRead(countries.text));
});
