import { expect, newCustomer, registerViaApi, test } from "./fixtures";
import { AdminProductsPage } from "./pages/admin-products-page";

test("the mailbox pages through all mail, newest first", async ({ request, mailboxPage }) => {
  test.slow(); // 21 accounts, each with a password hash and a mail written by a background job
  const customers = Array.from({ length: 21 }, () => newCustomer());
  for (const customer of customers) await registerViaApi(request, customer);

  await expect(async () => {
    await mailboxPage.goto();
    await expect(mailboxPage.messages).toHaveCount(20); // one page
    while (await mailboxPage.loadMoreButton.isVisible()) {
      const shown = await mailboxPage.messages.count();
      await mailboxPage.loadMoreButton.click();
      await expect(mailboxPage.messages).not.toHaveCount(shown);
    }
    for (const customer of customers)
      await expect(mailboxPage.message(customer.email, "Welcome to Shopwise")).toHaveCount(1, { timeout: 100 });
  }).toPass({ intervals: [1_000], timeout: 30_000 });

  const times = await mailboxPage.messages
    .locator("time")
    .evaluateAll((els) => els.map((el) => (el as HTMLTimeElement).dateTime));
  expect(times.length).toBeGreaterThan(20);
  expect(times).toEqual([...times].sort().reverse());
});

test("the mailbox is the admin's alone: linked from the back office, not the footer", async ({
  page,
  browser,
  signedInCustomer,
  mailboxPage,
}) => {
  void signedInCustomer;
  await page.goto("/");
  await expect(page.getByRole("contentinfo").getByRole("link", { name: "Dev mailbox" })).toHaveCount(0);
  expect((await page.goto("/dev/mailbox"))?.status()).toBe(404);
  const input = encodeURIComponent(JSON.stringify({ json: {} }));
  expect((await page.request.get(`/api/trpc/devMailbox.list?input=${input}`)).status()).toBe(403);

  const visitor = await browser.newContext();
  const visitorPage = await visitor.newPage();
  await visitorPage.goto("/dev/mailbox");
  await expect(visitorPage).toHaveURL(/\/sign-in\?callbackUrl=%2Fdev%2Fmailbox$/);
  expect((await visitor.request.get(`/api/trpc/devMailbox.list?input=${input}`)).status()).toBe(401);
  await visitor.close();

  // Like every back-office journey: act once the page is interactive (its rows are rendered).
  await new AdminProductsPage(mailboxPage.page).goto();
  await mailboxPage.page
    .getByRole("navigation", { name: "Back office" })
    .getByRole("link", { name: "Dev mailbox" })
    .click();
  await expect(mailboxPage.page.getByRole("heading", { level: 1, name: "Dev mailbox" })).toBeVisible();
});
