import { expect, type Locator, type Page } from "@playwright/test";

/** /admin/jobs and its queue and job pages. */
export class AdminJobsPage {
  readonly main: Locator;
  readonly queues: Locator;
  readonly schedules: Locator;
  readonly live: Locator;

  constructor(readonly page: Page) {
    this.main = page.getByRole("main");
    this.queues = this.main.getByRole("table", { name: "Queues with their jobs by state" });
    this.schedules = this.main.getByRole("table", { name: "Scheduled jobs" });
    this.live = this.main.getByText("Live", { exact: true });
  }

  async goto() {
    await this.page.goto("/admin/jobs");
    await expect(this.main.getByRole("heading", { level: 1, name: "Jobs" })).toBeVisible();
    await expect(this.live).toBeVisible();
  }

  queue(name: string) {
    return this.queues.locator(`tr[data-queue="${name}"]`);
  }

  count(queue: string, state: string) {
    return this.queue(queue).locator(`td[data-state="${state}"]`);
  }

  schedule(name: string) {
    return this.schedules.locator(`tr[data-schedule="${name}"]`);
  }

  /** Clicks an action, then the confirm button of the dialog it opens. */
  async confirm(scope: Locator, action: string, dialogTitle: RegExp, confirmLabel: string) {
    await scope.getByRole("button", { name: action, exact: true }).click();
    const dialog = this.page.getByRole("alertdialog", { name: dialogTitle });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: confirmLabel }).click();
    await expect(dialog).toBeHidden();
  }
}
