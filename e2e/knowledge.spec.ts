import { expect, test } from "./fixtures";
import { uniqueTag } from "./pages/admin-api";
import { KnowledgeAdminPage } from "./pages/knowledge-admin-page";
import { KnowledgeViewerPage } from "./pages/knowledge-viewer-page";

/**
 * A Markdown guide big enough (about 9,000 passages, 4 MB) that indexing takes several polls of the
 * page to watch: at 3,000 a quiet machine indexed it between two polls and the progress was missed.
 */
function careGuide(title: string) {
  const sections = Array.from({ length: 900 }, (_, section) => {
    const paragraphs = Array.from(
      { length: 10 },
      (_, p) =>
        `Paragraph ${p} of section ${section}: ${"wash gently at 30 degrees and dry flat in the shade. ".repeat(8)}`,
    );
    return `## Section ${section}\n\n${paragraphs.join("\n\n")}`;
  });
  return Buffer.from(`# ${title}\n\n${sections.join("\n\n")}\n`);
}

const ONE_PIXEL_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

test("staff upload a Markdown file, watch it index, read it at a passage, re-index and delete it", async ({
  page,
  signedInAdmin,
}) => {
  void signedInAdmin;
  test.setTimeout(120_000);
  const title = uniqueTag("E2E Care guide");
  const knowledge = new KnowledgeAdminPage(page);
  await knowledge.goto();

  await knowledge.upload({ name: "care-guide.md", mimeType: "text/markdown", buffer: careGuide(title) });
  await expect(knowledge.success).toContainText(title);
  // Queued, then indexing with a percentage and a stage, then ready with its passages counted.
  await expect(knowledge.progress(title)).toBeVisible();
  await expect(knowledge.progress(title)).toHaveAttribute("aria-valuetext", /^\d+% · (parsing|embedding|indexing)$/, {
    timeout: 20_000,
  });
  await expect(knowledge.status(title, "Ready")).toBeVisible({ timeout: 60_000 });
  await expect(knowledge.progress(title)).toHaveCount(0);
  await expect(knowledge.passages(title)).toHaveText(/^[1-9][\d,]*$/);

  await knowledge.row(title).getByRole("link", { name: title }).click();
  const viewer = new KnowledgeViewerPage(page);
  await expect(viewer.heading(title)).toBeVisible();
  await expect(viewer.text.first()).toContainText("Paragraph 0 of section 0");
  await expect(viewer.article.getByRole("heading", { level: 2, name: "Section 0", exact: true })).toBeVisible();
  const documentId = new URL(page.url()).pathname.split("/").pop()!;

  // Thousands of passages: the page shows a window of them around the cited one, not all.
  await viewer.gotoPassage(documentId, 4_000);
  await expect(viewer.passage(4_000)).toHaveAttribute("data-cited", "");
  await expect(viewer.passage(4_000)).toBeInViewport();
  await expect(viewer.passage(4_000)).toBeFocused();
  await expect(viewer.passage(4_000)).toContainText(/Paragraph \d+ of section \d+/);
  expect(await viewer.article.locator("[id^='passage-']").count()).toBeLessThanOrEqual(30);
  await expect(viewer.passage(3_999)).toHaveCount(1);
  await expect(viewer.passage(3_980)).toHaveCount(0);
  await viewer.later.first().click();
  await expect(viewer.passage(4_020)).toHaveCount(1);
  await expect(viewer.passage(4_000)).toHaveCount(0);
  await expect(viewer.cited).toHaveCount(0);

  await knowledge.goto();
  await knowledge.reindex(title);
  await expect(knowledge.progress(title)).toBeVisible();
  await expect(knowledge.status(title, "Ready")).toBeVisible({ timeout: 60_000 });

  await knowledge.delete(title);
  await expect(knowledge.row(title)).toHaveCount(0);
  const gone = await page.goto(`/help/${documentId}`);
  expect(gone?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "We could not find that document" })).toBeVisible();
});

test("an image renamed .md is refused with a message that says what to upload", async ({ page, signedInAdmin }) => {
  void signedInAdmin;
  const knowledge = new KnowledgeAdminPage(page);
  await knowledge.goto();
  await knowledge.upload({ name: "holiday-photo.md", mimeType: "text/markdown", buffer: ONE_PIXEL_PNG });
  await expect(knowledge.refusal).toContainText(
    "This looks like a PNG image; upload Markdown, plain text, HTML or PDF.",
  );
  await expect(knowledge.table.getByRole("row").filter({ hasText: "holiday-photo" })).toHaveCount(0);
});

test("the help centre lists ready documents; customers cannot open the back office page", async ({
  page,
  signedInCustomer,
}) => {
  void signedInCustomer;
  const articles = page.getByRole("region", { name: "Help articles" }).getByRole("link");
  // The help centre is indexed in the background after start-up: reload until it is listed.
  await expect(async () => {
    await page.goto("/help");
    await expect(page.getByRole("heading", { level: 1, name: "Help centre" })).toBeVisible();
    await expect(articles.first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await articles.first().click();
  await expect(new KnowledgeViewerPage(page).text.first()).toBeVisible();

  const response = await page.goto("/admin/knowledge");
  expect(response?.status()).toBe(404);
  const upload = await page.request.post("/api/upload", {
    multipart: { file: { name: "x.md", mimeType: "text/markdown", buffer: Buffer.from("# Hi") } },
  });
  expect(upload.status()).toBe(403);
});

test.describe("on a phone (375 px)", () => {
  test.use({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });

  test("the knowledge page and the help centre fit the screen", async ({ page, signedInAdmin }) => {
    void signedInAdmin;
    const knowledge = new KnowledgeAdminPage(page);
    await knowledge.goto();
    await expect(knowledge.uploadButton).toBeVisible();
    const fits = () =>
      page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
    expect(await fits()).toBe(true);
    await page.goto("/help");
    await expect(page.getByRole("heading", { level: 1, name: "Help centre" })).toBeVisible();
    expect(await fits()).toBe(true);
  });
});
