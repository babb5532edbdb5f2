import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, newCustomer, registerViaApi, signInViaApi, test } from "./fixtures";
import { createTestProduct, trpcMutation, trpcQuery, uniqueTag } from "./pages/admin-api";
import { AdminAuditPage } from "./pages/admin-audit-page";
import { AdminOrdersPage } from "./pages/admin-orders-page";
import { AdminProductsPage } from "./pages/admin-products-page";
import { SignInPage } from "./pages/sign-in-page";

const backOfficeNav = (page: Page) => page.getByRole("navigation", { name: "Back office" });

test("staff edit a price inline; the shop shows it and the audit log records it", async ({ page, signedInAdmin }) => {
  const name = uniqueTag("E2E Lamp");
  const product = await createTestProduct(page.request, name, "19.99");
  const products = new AdminProductsPage(page);

  await products.goto();
  await products.search(name);
  await expect(products.table.getByRole("row")).toHaveCount(2); // header + 1
  await expect(products.price(name)).toHaveValue("19.99");

  await products.editPrice(name, "12,50€");
  await expect(products.price(name)).toHaveAttribute("aria-invalid", "true");
  await expect(products.price(name)).toHaveAccessibleDescription(/Enter an amount like 12\.50/);
  await products.price(name).press("Escape");
  await expect(products.price(name)).toHaveValue("19.99");
  await expect(products.price(name)).not.toHaveAttribute("aria-invalid");

  await products.editPrice(name, "123.45");
  await expect(products.saveStatus(name, "Saved")).toHaveCount(1);
  await expect(products.price(name)).toHaveValue("123.45");
  await page.reload();
  await expect(products.price(name)).toHaveValue("123.45");

  await page.goto(`/products/${product.slug}`);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByRole("main")).toContainText("$123.45");

  const audit = new AdminAuditPage(page);
  await audit.goto();
  await audit.entityFilter.selectOption("Product");
  const entry = audit.entries(product.id).filter({ hasText: "product.update" });
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText("19.99");
  await expect(entry).toContainText("123.45");
  await expect(entry).toContainText(signedInAdmin.email);
});

// The page is in Next's tag cache before the edit: the edit must revalidate it (ADR 008). This
// caught mutations sent over the streaming link, whose revalidations reached Next too late.
test("a product page seen before an inline edit shows the new price at once", async ({ page, signedInAdmin }) => {
  void signedInAdmin;
  const name = uniqueTag("E2E Cached");
  const product = await createTestProduct(page.request, name, "19.99");
  await page.goto(`/products/${product.slug}`);
  await expect(page.getByRole("main")).toContainText("$19.99");

  const products = new AdminProductsPage(page);
  await products.goto();
  await products.search(name);
  await products.editPrice(name, "23.45");
  await expect(products.saveStatus(name, "Saved")).toHaveCount(1);

  await page.goto(`/products/${product.slug}`);
  await expect(page.getByRole("main")).toContainText("$23.45", { timeout: 3_000 });
});

test("customers get a 404 at /admin; visitors are sent to sign in", async ({ page, browser, signedInCustomer }) => {
  void signedInCustomer;
  for (const path of ["/admin", "/admin/products", "/admin/users"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "We could not find that page" })).toBeVisible();
    await expect(backOfficeNav(page)).toHaveCount(0);
  }
  await page
    .getByRole("banner")
    .getByRole("button", { name: /account menu for/i })
    .click();
  await expect(page.getByRole("menuitem", { name: "Account" })).toBeVisible();
  await expect(page.getByRole("menuitem", { name: "Back office" })).toHaveCount(0);

  const visitor = await browser.newContext();
  const visitorPage = await visitor.newPage();
  await visitorPage.goto("/admin");
  await expect(visitorPage).toHaveURL(/\/sign-in\?callbackUrl=%2Fadmin/);
  await visitor.close();
});

test("staff see the back office but not Users; admins reach it from the user menu", async ({
  page,
  browser,
  signedInAdmin,
}) => {
  void signedInAdmin;
  await page.goto("/");
  await page
    .getByRole("banner")
    .getByRole("button", { name: /account menu for/i })
    .click();
  await page.getByRole("menuitem", { name: "Back office" }).click();
  await expect(page).toHaveURL(/\/admin\/products$/);
  await expect(backOfficeNav(page).getByRole("link", { name: "Users" })).toBeVisible();

  const staff = newCustomer();
  const staffContext = await browser.newContext();
  await registerViaApi(staffContext.request, staff);
  const { items } = await trpcQuery<{ items: { id: string }[] }>(page.request, "admin.users.list", { q: staff.email });
  await trpcMutation(page.request, "admin.users.setRole", { userId: items[0]!.id, role: "STAFF" });

  const staffPage = await staffContext.newPage();
  await signInViaApi(staffPage.request, staff);
  await staffPage.goto("/admin/orders");
  await expect(staffPage.getByRole("heading", { level: 1, name: "Orders" })).toBeVisible();
  await expect(backOfficeNav(staffPage).getByRole("link", { name: "Audit log" })).toBeVisible();
  await expect(backOfficeNav(staffPage).getByRole("link", { name: "Users" })).toHaveCount(0);
  expect((await staffPage.goto("/admin/users"))?.status()).toBe(404);
  await staffContext.close();
});

test("bulk deactivate reports how many products changed", async ({ page, signedInAdmin }) => {
  void signedInAdmin;
  const tag = uniqueTag("E2E Bulk");
  const [first, second] = [`${tag} mug`, `${tag} plate`];
  await createTestProduct(page.request, first);
  await createTestProduct(page.request, second);
  const products = new AdminProductsPage(page);

  await products.goto();
  await products.search(tag);
  await expect(products.table.getByRole("row")).toHaveCount(3); // header + 2

  await products.select(first);
  await products.select(second);
  await expect(products.bulkActions).toContainText("2 products selected");
  await products.bulk("Deactivate");
  await expect(products.notice).toContainText("2 products changed");
  await expect(products.active(first)).not.toBeChecked();
  await expect(products.active(second)).not.toBeChecked();

  await products.selectAllOnPage();
  await products.bulk("Deactivate");
  await expect(products.notice).toContainText("0 products changed (2 already were inactive)");
});

test("staff move an order from pending to paid to shipped", async ({ page, browser, signedInAdmin }) => {
  void signedInAdmin;
  const name = uniqueTag("E2E Kettle");
  await createTestProduct(page.request, name, "42.00");

  const customer = newCustomer();
  const customerContext = await browser.newContext();
  const customerPage = await customerContext.newPage();
  await registerViaApi(customerPage.request, customer);
  await signInViaApi(customerPage.request, customer);
  const { items } = await trpcQuery<{ items: { id: string; name: string }[] }>(
    customerPage.request,
    "catalog.products",
    {
      q: name,
      limit: 1,
    },
  );
  expect(items[0]?.name).toBe(name);
  const order = await trpcMutation<{ id: string; status: string }>(customerPage.request, "orders.create", {
    idempotencyKey: randomUUID(),
    lines: [{ productId: items[0]!.id, quantity: 1 }],
  });
  expect(order.status).toBe("PENDING");
  await customerContext.close();

  const orders = new AdminOrdersPage(page);
  await orders.goto();
  await orders.search(customer.email);
  await expect(orders.row(order.id)).toContainText("$42.00");
  await expect(orders.status(order.id)).toHaveText("Pending");

  await orders.changeStatus(order.id, "Paid");
  await expect(orders.status(order.id)).toHaveText("Paid");
  await orders.changeStatus(order.id, "Shipped");
  await expect(orders.status(order.id)).toHaveText("Shipped");

  // Only the next step is offered: a shipped order can be delivered, not paid or cancelled again.
  await orders.status(order.id).click();
  await expect(page.getByRole("option")).toHaveText(["Shipped", "Delivered"]);
  await page.keyboard.press("Escape");
});

test.describe("on a phone (375 px)", () => {
  test.use({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });

  test("the back office fits and its navigation folds away", async ({ page, signedInAdmin }) => {
    void signedInAdmin;
    await new AdminProductsPage(page).goto();
    const nav = backOfficeNav(page);
    await expect(nav.getByRole("link", { name: "Orders" })).toBeHidden();
    await nav.getByRole("button", { name: /Back office: Products/ }).click();
    await nav.getByRole("link", { name: "Orders" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Orders" })).toBeVisible();
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth),
    ).toBe(true);
  });
});

test("an admin disables an account: it is signed out at once and cannot sign in until enabled", async ({
  page,
  browser,
  signedInAdmin,
}) => {
  const customer = newCustomer();
  const customerContext = await browser.newContext();
  await registerViaApi(customerContext.request, customer);
  const customerPage = await customerContext.newPage();
  await signInViaApi(customerPage.request, customer);
  await customerPage.goto("/account");
  await expect(customerPage).toHaveURL(/\/account$/);

  // Never your own account.
  await page.goto(`/admin/users?q=${encodeURIComponent(signedInAdmin.email)}`);
  const own = page.getByRole("row").filter({ hasText: signedInAdmin.email });
  await expect(own).toContainText("Active");
  await expect(own.getByRole("button", { name: /^(Disable|Enable) / })).toHaveCount(0);

  await page.goto(`/admin/users?q=${encodeURIComponent(customer.email)}`);
  const row = page.getByRole("row").filter({ hasText: customer.email });
  await expect(row).toContainText("Active");
  await row.getByRole("button", { name: `Disable ${customer.email}` }).click();
  const confirm = page.getByRole("alertdialog");
  await expect(confirm).toContainText("signed out on every device");
  await confirm.getByRole("button", { name: "Disable account" }).click();
  await expect(row).toContainText("Disabled");

  await customerPage.goto("/account");
  await expect(customerPage).toHaveURL(/\/sign-in\?callbackUrl=%2Faccount$/);
  const signIn = new SignInPage(customerPage);
  await signIn.signIn(customer);
  await expect(signIn.alert).toContainText("This account has been disabled");

  await row.getByRole("button", { name: `Enable ${customer.email}` }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Enable account" }).click();
  await expect(row).toContainText("Active");
  await signIn.signIn(customer);
  await expect(customerPage).toHaveURL(/\/account$/);
  await customerContext.close();
});
