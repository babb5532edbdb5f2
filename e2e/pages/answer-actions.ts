import type { Locator } from "@playwright/test";

/** The actions under one of the assistant's answers: copy, rate, and the reason form. */
export class AnswerActions {
  readonly copy: Locator;
  readonly copied: Locator;
  readonly helpful: Locator;
  readonly notHelpful: Locator;
  readonly signInToRate: Locator;
  readonly reason: Locator;
  readonly sendReason: Locator;
  readonly thanks: Locator;

  constructor(readonly answer: Locator) {
    const group = answer.getByRole("group", { name: "Answer actions" });
    this.copy = group.getByRole("button", { name: "Copy answer" });
    this.copied = group.getByRole("button", { name: "Copied" });
    this.helpful = group.getByRole("button", { name: "Helpful", exact: true });
    this.notHelpful = group.getByRole("button", { name: "Not helpful" });
    this.signInToRate = group.getByText("to rate answers");
    const form = answer.getByRole("form", { name: "Why was this answer not helpful?" });
    this.reason = form.getByRole("textbox", { name: /What was wrong with this answer/ });
    this.sendReason = form.getByRole("button", { name: "Send" });
    this.thanks = group.getByRole("status").filter({ hasText: "Thanks" });
  }

  async rateDown(reason: string) {
    await this.notHelpful.click();
    await this.reason.fill(reason);
    await this.sendReason.click();
  }
}
