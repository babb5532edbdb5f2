import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";

/** The help centre is indexed by a job right after start-up: wait until the shipping page is there. */
export async function helpCentreIndexed(request: APIRequestContext) {
  await expect
    .poll(async () => (await request.get("/help")).text(), { timeout: 30_000, message: "help centre indexed" })
    .toContain("Shipping and Delivery");
}

export class AssistantPage {
  readonly question: Locator;
  readonly send: Locator;
  readonly stop: Locator;
  readonly regenerate: Locator;
  readonly answers: Locator;
  readonly questions: Locator;
  readonly conversations: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    const chat = page.getByRole("region", { name: "Chat" });
    this.question = chat.getByRole("textbox", { name: "Your question" });
    this.send = chat.getByRole("button", { name: "Send" });
    this.stop = chat.getByRole("button", { name: "Stop answering" });
    this.regenerate = chat.getByRole("button", { name: "Regenerate" });
    this.answers = chat.getByRole("listitem", { name: "Assistant's answer" });
    this.questions = chat.getByRole("listitem", { name: "Your question" });
    this.conversations = page.getByRole("navigation", { name: "Conversations" });
    this.error = chat.getByRole("alert");
  }

  async goto() {
    await this.page.goto("/assistant");
  }

  async ask(question: string) {
    await this.question.fill(question);
    await this.send.click();
  }

  /** Asks, waits for the whole answer, and returns its text. */
  async answer(question: string) {
    await this.ask(question);
    await expect(this.send).toBeVisible({ timeout: 20_000 });
    return (await this.answers.last().textContent()) ?? "";
  }

  /** The numbered citation links in an answer's text ("Source 1: Shipping and Delivery › …"). */
  citations(answer: Locator) {
    return answer.getByRole("link", { name: /^Source \d+:/ });
  }
}
