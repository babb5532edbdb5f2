import { demoAdmin, expect, signInViaApi, test } from "./fixtures";
import { AdminAssistantPage } from "./pages/admin-assistant-page";
import { AdminProductsPage } from "./pages/admin-products-page";
import { AnswerActions } from "./pages/answer-actions";
import { AssistantPage, helpCentreIndexed } from "./pages/assistant-page";

const ANSWERABLE = "How much does express delivery cost?";
const UNANSWERABLE = "what's the weather in Paris tomorrow?";
const REASON = "It lists every option; I asked about express only.";

test("a shopper copies an answer and rates it down with a reason; staff see it, and a refused question, on the Assistant page", async ({
  page,
  browser,
  baseURL,
  signedInCustomer: _customer,
}) => {
  await helpCentreIndexed(page.request);
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  const assistant = new AssistantPage(page);
  await assistant.goto();

  await assistant.ask(ANSWERABLE);
  await expect(assistant.send).toBeVisible({ timeout: 20_000 }); // finished
  const actions = new AnswerActions(assistant.answers.last());
  await actions.copy.click();
  await expect(actions.copied).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied.length).toBeGreaterThan(20);
  expect(copied).not.toMatch(/\[\d+\]/); // citation markers only link inside the chat

  await actions.rateDown(REASON);
  await expect(actions.thanks).toBeVisible();
  await expect(actions.notHelpful).toHaveAttribute("aria-pressed", "true");
  await expect(actions.helpful).toHaveAttribute("aria-pressed", "false");

  // The rating is stored with the conversation: a reload shows it.
  await expect(page).toHaveURL(/\/assistant\/[A-Za-z0-9_-]{8,}$/);
  await page.reload();
  await expect(new AnswerActions(assistant.answers.last()).notHelpful).toHaveAttribute("aria-pressed", "true");

  await assistant.ask(UNANSWERABLE);
  await expect(assistant.answers).toHaveCount(2);
  await expect(assistant.send).toBeVisible({ timeout: 20_000 });
  await expect(assistant.answers.last()).toContainText(/could not find this/i);

  // Staff, in a session of their own.
  const staffContext = await browser.newContext({ baseURL });
  const staffPage = await staffContext.newPage();
  await signInViaApi(staffPage.request, demoAdmin());
  // Through the page object, which waits until the back office is interactive: a click on its
  // navigation in the first half second after load can be lost (noted in issue 9's closing note).
  await new AdminProductsPage(staffPage).goto();
  await staffPage.getByRole("navigation", { name: "Back office" }).getByRole("link", { name: "Assistant" }).click();
  const review = new AdminAssistantPage(staffPage);
  await expect(review.heading).toBeVisible();

  const rated = review.item(ANSWERABLE);
  await expect(rated).toContainText("Rated down");
  await expect(rated).toContainText(REASON);
  await expect(review.passages(ANSWERABLE).first()).toHaveAttribute("href", /^\/help\/[^#]+#passage-\d+$/);
  await expect(review.item(UNANSWERABLE)).toContainText("Refused");

  await review.filter.selectOption({ label: "Rated down" });
  await expect(staffPage).toHaveURL(/filter=rated-down/);
  await expect(review.item(UNANSWERABLE)).toHaveCount(0);
  await expect(review.item(ANSWERABLE)).toBeVisible();

  // A passage link opens the help article the assistant found.
  await review.passages(ANSWERABLE).first().click();
  await expect(staffPage).toHaveURL(/\/help\/[^#]+#passage-\d+$/);
  await staffContext.close();
});
