import { expect, test } from "./fixtures";
import { uniqueTag } from "./pages/admin-api";
import { AdminJobsPage } from "./pages/admin-jobs-page";

/** An HTML page with no text: it uploads, and its indexing job fails every attempt (no text found). */
const EMPTY_PAGE = Buffer.from("<!doctype html><html><head><title>x</title></head><body></body></html>");

test("staff see the queues live; an admin opens a failed job with its error and retries it", async ({
  page,
  signedInAdmin,
}) => {
  void signedInAdmin;
  // knowledge.ingest retries twice with backoff (10–20 s, then 20–40 s) before the job fails.
  test.setTimeout(150_000);
  const jobs = new AdminJobsPage(page);
  await jobs.goto();
  await expect(jobs.queue("knowledge.ingest")).toBeVisible();
  await expect(jobs.queue("knowledge.ingest.dead")).toContainText("Dead letters");
  await expect(jobs.main.getByRole("img", { name: /^All queues, last hour:/ })).toBeVisible();
  const failedBefore = Number((await jobs.count("knowledge.ingest", "failed").innerText()).replace(/,/g, ""));

  const upload = await page.request.post("/api/upload", {
    multipart: {
      file: { name: `${uniqueTag("empty").replace(/\s/g, "-")}.html`, mimeType: "text/html", buffer: EMPTY_PAGE },
    },
  });
  expect(upload.ok(), await upload.text()).toBe(true);

  // No reload: the page hears the job fail over its subscription.
  await expect(jobs.count("knowledge.ingest", "failed")).toHaveText(String(failedBefore + 1), { timeout: 110_000 });

  await jobs.count("knowledge.ingest", "failed").getByRole("link").click();
  await expect(page).toHaveURL(/\/admin\/jobs\/knowledge\.ingest\?state=failed$/);
  await page
    .getByRole("table", { name: /Jobs of knowledge\.ingest/ })
    .getByRole("row")
    .nth(1)
    .getByRole("link")
    .click();

  await expect(page.getByRole("heading", { level: 1, name: "Job" })).toBeVisible();
  const state = page.getByTestId("job-state");
  await expect(state).toContainText("Failed");
  await expect(state).toContainText("Retries 2 of 2");
  await expect(page.getByTestId("job-error-message")).toContainText("No text found in this document");
  await expect(page.getByLabel("Stack trace")).toContainText("at ");
  await expect(page.getByLabel("Payload")).toContainText('"documentId"');
  await expect(page.getByRole("link", { name: "Back-office changes of this request" })).toBeVisible();

  await jobs.confirm(page.getByRole("main"), "Retry", /^Retry this job\?$/, "Retry job");
  await expect(page.getByRole("status").filter({ hasText: "Queued for a retry." })).toBeVisible();
  // The worker runs the extra attempt, which fails again: the page shows it without a reload.
  await expect(state).toContainText("Retries 3 of 3", { timeout: 20_000 });
  await expect(state).toContainText("Failed");

  await page.goto("/admin/audit?entity=Job");
  await expect(page.getByRole("table", { name: /audit log/i })).toContainText("job.retry");
});

test("an admin pauses a schedule, which stays paused after a reload, and resumes it", async ({
  page,
  signedInAdmin,
}) => {
  void signedInAdmin;
  const jobs = new AdminJobsPage(page);
  await jobs.goto();
  const prune = jobs.schedule("idempotency.prune");
  await expect(prune).toContainText("17 * * * *");
  await expect(prune).toContainText("Running");
  await expect(prune.locator("td[data-next-run]")).toContainText("UTC");

  await jobs.confirm(prune, "Pause", /^Pause idempotency\.prune\?$/, "Pause schedule");
  await expect(prune).toContainText("Paused");
  await expect(prune.locator("td[data-next-run]")).toHaveText("—");
  await page.reload();
  await expect(jobs.schedule("idempotency.prune")).toContainText("Paused");

  await jobs.confirm(jobs.schedule("idempotency.prune"), "Resume", /^Resume idempotency\.prune\?$/, "Resume schedule");
  await expect(jobs.schedule("idempotency.prune")).toContainText("Running");
  await expect(jobs.schedule("idempotency.prune").locator("td[data-next-run]")).toContainText("UTC");
});

test("customers cannot open the jobs console", async ({ page, signedInCustomer }) => {
  void signedInCustomer;
  const response = await page.goto("/admin/jobs");
  expect(response?.status()).toBe(404);
  const call = await page.request.get("/api/trpc/jobs.overview");
  expect(call.status()).toBe(403);
});
