import { request as playwrightRequest } from "@playwright/test";
import { expect, test } from "./fixtures";

test("a shopper creates an API key, a script uses it, and revoking it shuts the script out", async ({
  page,
  signedInCustomer,
  baseURL,
}) => {
  await page.goto("/account");
  await page.getByRole("link", { name: "API keys" }).click();
  await expect(page).toHaveURL(/\/account\/api-keys$/);
  await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
  // Staff scopes are not offered to a customer.
  await expect(page.getByRole("checkbox")).toHaveCount(7);

  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByText("Name the key after what uses it")).toBeVisible();

  await page.getByLabel("Name").fill("stock report");
  await page.getByRole("checkbox", { name: /catalog:read/ }).check();
  await page.getByRole("checkbox", { name: /profile:read/ }).check();
  await page.getByLabel("Expires").selectOption("30");
  await page.getByRole("button", { name: "Create key" }).click();
  const secret = (await page.getByTestId("new-api-key").textContent()) ?? "";
  expect(secret).toMatch(/^sw_[A-Za-z0-9_-]{43}$/);

  // A script: no cookies, only the key.
  const script = await playwrightRequest.newContext({
    baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${secret}` },
  });
  const me = await script.get("/api/trpc/users.me");
  expect(me.status()).toBe(200);
  expect(await me.text()).toContain(signedInCustomer.email);
  expect((await script.get("/api/trpc/orders.list?input=%7B%22json%22%3A%7B%7D%7D")).status()).toBe(403);

  await page.getByRole("button", { name: "I have stored it" }).click();
  await expect(page.getByTestId("new-api-key")).toHaveCount(0);
  await page.reload();
  const row = page.getByRole("listitem", { name: "stock report" });
  await expect(row).toContainText(secret.slice(0, 11));
  await expect(row).toContainText(/last used .* from /);
  await expect(row).toContainText("catalog:read, profile:read");
  await expect(page.getByText(secret)).toHaveCount(0);

  await row.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke key" }).click();
  await expect(row).toContainText("Revoked");
  const refused = await script.get("/api/trpc/users.me");
  expect(refused.status()).toBe(401);
  expect(await refused.text()).toContain("INVALID_API_KEY");
  await script.dispose();
});

test("the developer guide explains keys, the client, scopes, errors, limits and webhooks", async ({ page }) => {
  await page.goto("/developers");
  for (const heading of [
    "Create a key",
    "Call it from TypeScript",
    "Scopes",
    "Errors",
    "REST, for any language",
    "Rate limits and retries",
    "Webhooks",
  ])
    await expect(page.getByRole("heading", { name: heading, level: 2 })).toBeVisible();
  await expect(page.getByRole("region", { name: "Call it from TypeScript" })).toContainText("createShopwiseClient");
  await expect(page.getByRole("cell", { name: "backoffice:write" })).toBeVisible();
  await page.getByRole("link", { name: "Account → API keys" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
});
