import type { APIRequestContext } from "@playwright/test";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, newCustomer, signInViaApi, test } from "./fixtures";
import { AccountPage } from "./pages/account-page";
import { uniqueTag } from "./pages/admin-api";
import { AssistantPage } from "./pages/assistant-page";
import { CartPage } from "./pages/cart-page";
import { CatalogPage } from "./pages/catalog-page";
import { KnowledgeAdminPage } from "./pages/knowledge-admin-page";
import { OrderPage } from "./pages/order-page";
import { ProductPage } from "./pages/product-page";
import { SignUpPage } from "./pages/sign-up-page";
import { CRON_SECRET } from "./playwright.vercel.config";

/**
 * The core journeys on the path Vercel uses (e2e/playwright.vercel.config.ts): `next start` alone,
 * no workers. Jobs wait in the queue until a call to /api/cron/drain runs them, as Vercel Cron does.
 */

/** What Vercel Cron sends: GET with `Authorization: Bearer $CRON_SECRET`. */
async function drain(request: APIRequestContext) {
  const response = await request.get("/api/cron/drain", { headers: { Authorization: `Bearer ${CRON_SECRET}` } });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as { completed: number; failed: number };
}

function demoAdmin() {
  const file = fileURLToPath(new URL("../.data/e2e-vercel/demo-accounts.json", import.meta.url));
  const accounts = JSON.parse(readFileSync(file, "utf8")) as { email: string; password: string; role: string }[];
  return accounts.find((a) => a.role === "ADMIN")!;
}

test("the cron routes want the bearer secret and know the scheduled jobs", async ({ request }) => {
  expect((await request.get("/api/cron/drain")).status()).toBe(401);
  const wrong = await request.get("/api/cron/drain", { headers: { Authorization: "Bearer not-the-secret-at-all" } });
  expect(wrong.status()).toBe(401);
  const auth = { Authorization: `Bearer ${CRON_SECRET}` };
  for (const job of ["orders.expire-unpaid", "idempotency.prune", "records.prune"]) {
    const run = await request.get(`/api/cron/${job}`, { headers: auth });
    expect(run.status(), await run.text()).toBe(200);
    expect(await run.json()).toEqual({ ran: job });
  }
  expect((await request.get("/api/cron/no.such-job", { headers: auth })).status()).toBe(404);
});

test("a visitor signs up, browses, opens a product and places an order", async ({ page }) => {
  const customer = newCustomer();
  const signUp = new SignUpPage(page);
  await signUp.goto();
  await signUp.signUp(customer);
  await expect(page).toHaveURL(/\/account$/);
  await expect(new AccountPage(page).profile).toContainText(customer.email);

  const catalog = new CatalogPage(page);
  await catalog.goto();
  await catalog.inStockOnly.check();
  await expect(page).toHaveURL(/inStock=1/);
  const name = (await catalog.productLinks.first().textContent())!.trim();
  await catalog.product(name).click();
  const product = new ProductPage(page);
  await expect(product.heading).toHaveText(name);
  await product.add(1);
  await expect(product.addedMessage).toContainText("Added 1 to your cart");

  await product.addedMessage.getByRole("link", { name: "View cart" }).click();
  const cart = new CartPage(page);
  await expect(cart.line(name)).toHaveCount(1);
  await cart.checkOut.click();
  const order = new OrderPage(page);
  await expect(page).toHaveURL(/\/orders\/[^/]+$/);
  await expect(order.status).toHaveText(/pending payment/i);
  await expect(order.items.first()).toContainText(name);
  await order.payNow.click();
  await expect(order.status).toHaveText(/paid/i);
});

test("the assistant answers from the help centre the cron drain indexed, with a citation", async ({ page }) => {
  test.slow(); // the drain indexes the whole help centre first
  const customer = newCustomer();
  const signUp = new SignUpPage(page);
  await signUp.goto();
  await signUp.signUp(customer);
  await expect(page).toHaveURL(/\/account$/);

  // The release step queued the help centre; only the drain indexes it (no worker here).
  const helpPage = async () => (await page.request.get("/help")).text();
  expect(await helpPage()).not.toContain("Shipping and Delivery");
  await expect
    .poll(
      async () => {
        await drain(page.request);
        return helpPage();
      },
      { timeout: 90_000 },
    )
    .toContain("Shipping and Delivery");

  const assistant = new AssistantPage(page);
  await assistant.goto();
  await assistant.ask("How long does shipping take?");
  const answer = assistant.answers.last();
  await expect(assistant.send).toBeVisible({ timeout: 30_000 });
  await expect(answer).toContainText("3–5 business days after dispatch");
  await expect(answer.getByRole("list", { name: "Sources" })).toContainText("Shipping and Delivery");
  const citation = assistant.citations(answer).first();
  await expect(citation).toHaveAttribute("href", /^\/help\/[^#?]+\?passage=(\d+)#passage-\1$/);
  await citation.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Shipping and Delivery");
});

test("a staff upload stays queued until the cron drain runs, then it is indexed", async ({ page }) => {
  await signInViaApi(page.request, demoAdmin());
  const title = uniqueTag("Vercel care guide");
  const knowledge = new KnowledgeAdminPage(page);
  await knowledge.goto();
  await knowledge.upload({
    name: "care-guide.md",
    mimeType: "text/markdown",
    buffer: Buffer.from(`# ${title}\n\nWash the linen shirt at 30 degrees and dry it flat in the shade.\n`),
  });
  await expect(knowledge.success).toContainText(title);
  await expect(knowledge.status(title, "Queued")).toBeVisible();
  // No worker picks it up: a while later it is still queued.
  await page.waitForTimeout(3_000);
  await page.reload();
  await expect(knowledge.status(title, "Queued")).toBeVisible();

  expect((await drain(page.request)).completed).toBeGreaterThanOrEqual(1);
  await page.reload();
  await expect(knowledge.status(title, "Ready")).toBeVisible();
  await expect(knowledge.passages(title)).toHaveText(/^[1-9][\d,]*$/);
});
