import { expect, type Locator, type Page } from "@playwright/test";

export class MailboxPage {
  readonly main: Locator;
  readonly refreshButton: Locator;
  readonly loadMoreButton: Locator;
  readonly messages: Locator;

  constructor(readonly page: Page) {
    this.main = page.getByRole("main");
    this.refreshButton = this.main.getByRole("button", { name: /refresh/i });
    this.loadMoreButton = this.main.getByRole("button", { name: /load more|loading more/i });
    this.messages = this.main.getByRole("list", { name: "Messages" }).getByRole("listitem");
  }

  async goto() {
    await this.page.goto("/dev/mailbox");
  }

  message(to: string, subject: string) {
    return this.messages.filter({ hasText: `To: ${to}` }).filter({ hasText: subject });
  }

  /** Mail is written by a background job: refresh until it is there, for a bounded time. */
  async waitForMessage(to: string, subject: string) {
    const message = this.message(to, subject);
    await expect(async () => {
      if (!(await message.count())) {
        await expect(this.refreshButton).toBeEnabled();
        await this.refreshButton.click();
      }
      await expect(message).toHaveCount(1, { timeout: 1_000 });
    }).toPass({ intervals: [500, 1_000], timeout: 20_000 });
    return message;
  }
}
