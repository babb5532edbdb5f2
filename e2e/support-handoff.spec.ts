import type { Browser, Page } from "@playwright/test";
import { demoAdmin, expect, newCustomer, signInViaApi, test } from "./fixtures";
import { AdminProductsPage } from "./pages/admin-products-page";
import { AssistantPage, helpCentreIndexed } from "./pages/assistant-page";

// Refused by the offline assistant (as in assistant-feedback.spec.ts).
const UNANSWERABLE = "what's the weather in Paris tomorrow?";

/** Staff in a browser of their own, on the support inbox. */
async function staffOnInbox(browser: Browser, baseURL: string | undefined) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signInViaApi(page.request, demoAdmin());
  // The page object waits until the back office is interactive before the first click.
  await new AdminProductsPage(page).goto();
  await page.getByRole("navigation", { name: "Back office" }).getByRole("link", { name: "Support" }).click();
  await expect(page.getByRole("heading", { name: "Support", level: 1 })).toBeVisible();
  return { context, page, inbox: page.getByRole("list", { name: "Support conversations" }) };
}

const supportMessages = (page: Page) => page.getByRole("list", { name: "Support messages" });

test("a shopper talks to a person: staff see it arrive, and messages flow both ways, without a reload", async ({
  page,
  browser,
  baseURL,
  signedInCustomer: customer,
}) => {
  await helpCentreIndexed(page.request);
  const staff = await staffOnInbox(browser, baseURL);

  const assistant = new AssistantPage(page);
  await assistant.goto();
  await assistant.ask(UNANSWERABLE);
  await expect(assistant.send).toBeVisible({ timeout: 20_000 });
  await expect(assistant.answers.last()).toContainText(/could not find this/i);

  // After a refusal, the way to a person is offered first.
  const chat = page.getByRole("region", { name: "Chat" });
  await chat.getByRole("button", { name: "Talk to a person" }).first().click();
  const form = page.getByRole("form", { name: "Talk to a person" });
  await expect(form.getByLabel("Your email")).toHaveCount(0); // signed in: no email asked
  await form.getByLabel(/Anything to add/).fill("It is a red bicycle, bought here last year.");
  await form.getByRole("button", { name: "Hand over to a person" }).click();
  const thread = page.getByRole("region", { name: "Support conversation" });
  await expect(thread.getByText("You are talking to Shopwise support")).toBeVisible();
  await expect(supportMessages(page)).toContainText("It is a red bicycle");

  // Staff: it arrives in the open inbox, unread, without a reload.
  const entry = staff.inbox.getByRole("link").filter({ hasText: customer.name });
  await expect(entry).toBeVisible();
  await expect(entry).toContainText("1 unread");
  await entry.click();
  await expect(staff.page.getByRole("heading", { level: 1 })).toContainText(customer.email);
  await expect(staff.page.getByRole("list", { name: "Chat with the assistant" })).toContainText(UNANSWERABLE);
  await staff.page.getByRole("textbox", { name: "Your reply to the shopper" }).fill("We can! Bring it to any store.");
  await staff.page.getByRole("button", { name: "Send message" }).click();
  await expect(supportMessages(staff.page)).toContainText("We can! Bring it to any store.");

  // The shopper sees the reply in place, then answers.
  await expect(supportMessages(page).locator('[data-author="STAFF"]')).toContainText("We can! Bring it to any store.");
  await thread.getByRole("textbox", { name: "Your message to support" }).fill("Great, see you Saturday.");
  await thread.getByRole("button", { name: "Send message" }).click();
  await expect(supportMessages(staff.page).locator('[data-author="SHOPPER"]').last()).toContainText(
    "Great, see you Saturday.",
  );

  // Staff close it (after confirming); the shopper is told, live.
  await staff.page.getByRole("button", { name: "Close", exact: true }).click();
  await staff.page.getByRole("alertdialog").getByRole("button", { name: "Close conversation" }).click();
  await expect(staff.page.getByText("This conversation is closed.")).toBeVisible();
  await expect(thread.getByText("This conversation is closed")).toBeVisible();
  await expect(thread.getByRole("textbox", { name: "Your message to support" })).toHaveCount(0);
  await staff.context.close();
});

test("a visitor leaves an email and goes; the reply is mailed with a link that opens the conversation again", async ({
  browser,
  baseURL,
  mailboxPage,
}) => {
  const visitor = newCustomer();
  const visitorContext = await browser.newContext({ baseURL });
  const page = await visitorContext.newPage();
  await page.goto("/assistant");
  const chat = page.getByRole("region", { name: "Chat" });
  await chat.getByRole("button", { name: "Rather talk to a person?" }).click();
  const form = page.getByRole("form", { name: "Talk to a person" });
  await expect(form.getByRole("link", { name: "sign in" })).toHaveAttribute("href", "/sign-in?callbackUrl=/assistant");

  // No email: the form says what to do.
  await form.getByLabel(/Anything to add/).fill("Where is my parcel? I ordered as a guest.");
  await form.getByLabel("Your email").fill("not-an-email");
  await form.getByRole("button", { name: "Hand over to a person" }).click();
  await expect(form.getByText("Enter a valid email address, like name@example.com.")).toBeVisible();
  await form.getByLabel("Your email").fill(visitor.email);
  await form.getByRole("button", { name: "Hand over to a person" }).click();
  await expect(supportMessages(page)).toContainText("Where is my parcel?");
  const threadLink = page.getByRole("link", { name: "Open on its own page" });
  const threadPath = (await threadLink.getAttribute("href"))!;
  expect(threadPath).toMatch(/^\/support\/[a-z0-9]+$/);
  await visitorContext.close(); // the visitor leaves

  const staff = await staffOnInbox(browser, baseURL);
  await staff.inbox.getByRole("link").filter({ hasText: visitor.email }).click();
  await expect(staff.page.getByRole("heading", { level: 1 })).toContainText(`Visitor (${visitor.email})`);
  await staff.page.getByRole("textbox", { name: "Your reply to the shopper" }).fill("It left our warehouse today.");
  await staff.page.getByRole("button", { name: "Send message" }).click();
  await expect(supportMessages(staff.page)).toContainText("It left our warehouse today.");
  await staff.context.close();

  // The reply was not seen in time: a mail with a link back.
  await mailboxPage.goto();
  const mail = await mailboxPage.waitForMessage(visitor.email, "Shopwise support replied to you");
  const link = /(http\S+\/support\/\S+\/access\?token=[A-Za-z0-9_-]+)/.exec((await mail.textContent()) ?? "")?.[1];
  expect(link).toBeDefined();

  // Another browser without the link sees nothing; the link opens the thread and keeps it open.
  const fresh = await browser.newContext({ baseURL });
  const again = await fresh.newPage();
  await again.goto(threadPath);
  await expect(again.getByText("We could not open this conversation")).toBeVisible();
  await again.goto(new URL(link!).pathname + new URL(link!).search);
  await expect(again).toHaveURL(new RegExp(`${threadPath}$`));
  await expect(supportMessages(again).locator('[data-author="STAFF"]')).toContainText("It left our warehouse today.");
  await again.reload();
  await expect(supportMessages(again)).toContainText("Where is my parcel?");
  await again.getByRole("textbox", { name: "Your message to support" }).fill("Thank you!");
  await again.getByRole("button", { name: "Send message" }).click();
  await expect(supportMessages(again).locator('[data-author="SHOPPER"]').last()).toContainText("Thank you!");
  await fresh.close();
});
