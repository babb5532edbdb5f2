import { expect, test } from "./fixtures";

/**
 * The public REST reference: /developers links to it, and Scalar renders the OpenAPI document of
 * this server (offline: no font or CDN request leaves the origin; the CSP guard fails on a violation).
 */
test("the developer guide leads to an interactive REST reference listing the operations", async ({ page, baseURL }) => {
  const foreign: string[] = [];
  page.on("request", (request) => {
    if (!request.url().startsWith(baseURL!) && !request.url().startsWith("data:")) foreign.push(request.url());
  });

  await page.goto("/developers");
  await expect(page.getByRole("heading", { name: "REST, for any language" })).toBeVisible();
  await expect(page.getByText("Idempotency-Key: 9f1c2d4e")).toBeVisible();
  await page.getByRole("link", { name: "API reference" }).click();
  await expect(page).toHaveURL(/\/developers\/api$/);

  await expect(page.getByRole("heading", { name: "Shopwise API" }).first()).toBeVisible({ timeout: 20_000 });
  await page.getByRole("button", { name: "Open Group - Orders" }).click();
  const placeOrder = page.getByRole("link", { name: /Place an order \(checkout\)/ });
  await expect(placeOrder).toBeVisible();
  await placeOrder.click();
  await expect(page.getByText("Idempotency-Key").first()).toBeVisible();
  await page.screenshot({ path: "test-results/developers-api.png" });
  expect(foreign).toEqual([]);
});
