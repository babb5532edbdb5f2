import type { Browser } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { demoAdmin, expect, newCustomer, registerViaApi, signInViaApi, test } from "./fixtures";
import { createTestProduct, trpcMutation, uniqueTag, type TestProduct } from "./pages/admin-api";
import { AdminOrdersPage } from "./pages/admin-orders-page";
import { CartPage } from "./pages/cart-page";
import { OrderPage } from "./pages/order-page";
import { ProductPage } from "./pages/product-page";

/**
 * Live updates over tRPC subscriptions, with two people in two browser contexts: what one does
 * shows on the other's open page without a reload.
 */

/** The demo admin in a browser context of its own. */
async function staffContext(browser: Browser, baseURL: string | undefined) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signInViaApi(page.request, demoAdmin());
  return { context, page };
}

async function productWithStock(request: Parameters<typeof createTestProduct>[0], name: string, stock: number) {
  const product = await createTestProduct(request, name);
  await trpcMutation(request, "admin.products.update", { id: product.id, stock });
  return product;
}

test("staff see a new order the moment it is placed, and the shopper's order page follows staff's changes", async ({
  page,
  browser,
  baseURL,
  signedInCustomer,
}) => {
  void signedInCustomer;
  const staff = await staffContext(browser, baseURL);
  const product = await productWithStock(staff.page.request, uniqueTag("E2E Live order"), 5);
  const orders = new AdminOrdersPage(staff.page);
  await orders.goto();

  // The shopper checks out; the back office, open all along, announces it and lists it.
  const order = await trpcMutation<{ id: string }>(page.request, "orders.create", {
    idempotencyKey: randomUUID(),
    lines: [{ productId: product.id, quantity: 1 }],
  });
  const notice = staff.page.getByRole("region", { name: "New orders" }).getByRole("status");
  await expect(notice.filter({ hasText: order.id.slice(-8).toUpperCase() })).toContainText(/1 item from/);
  await expect(orders.row(order.id)).toBeVisible();

  // The shopper opens the order; staff move it along; the open page follows.
  await trpcMutation(page.request, "orders.pay", { orderId: order.id });
  const orderPage = new OrderPage(page);
  await page.goto(`/orders/${order.id}`);
  await expect(orderPage.status).toHaveText(/paid/i);
  await staff.page.reload();
  await orders.changeStatus(order.id, "Shipped");
  await expect(orderPage.status).toHaveText(/shipped/i);
  await expect(page.getByRole("main")).toContainText(/shipped/i);
  await staff.context.close();
});

test("a product that sells out while a shopper looks at it is flagged in the open cart and on its page", async ({
  page,
  browser,
  baseURL,
  signedInCustomer,
}) => {
  void signedInCustomer;
  const staff = await staffContext(browser, baseURL);
  const product: TestProduct = await productWithStock(staff.page.request, uniqueTag("E2E Live stock"), 3);
  await staff.context.close();

  // The shopper puts one in the cart and keeps the cart and the product page open.
  const productPage = new ProductPage(page);
  await productPage.goto(product.slug);
  await expect(page.getByRole("status", { name: "Availability" })).toHaveText(/only 3 left/i);
  await productPage.add(1);
  const cartTab = await page.context().newPage();
  const cart = new CartPage(cartTab);
  await cart.goto();
  await cart.waitUntilChecked();
  await expect(cart.line(product.name)).toBeVisible();
  await expect(cart.line(product.name)).not.toContainText(/out of stock/i);

  // Someone else, in their own browser context, buys what is left.
  const other = await browser.newContext({ baseURL });
  const buyer = newCustomer();
  await registerViaApi(other.request, buyer);
  await signInViaApi(other.request, buyer);
  await trpcMutation(other.request, "orders.create", {
    idempotencyKey: randomUUID(),
    lines: [{ productId: product.id, quantity: 3 }],
  });
  await other.close();

  await expect(cart.line(product.name)).toContainText("Out of stock now; remove it to continue.");
  await expect(page.getByRole("status", { name: "Availability" })).toHaveText(/out of stock/i);
  await expect(page.getByRole("main")).toContainText("This product is sold out for now.");

  // Restocked, the open pages follow again; and the catalog's newest product is not left sold out
  // for the specs after this one (they buy the newest in-stock product).
  const restock = await staffContext(browser, baseURL);
  await trpcMutation(restock.page.request, "admin.products.update", { id: product.id, stock: 40 });
  await restock.context.close();
  await expect(page.getByRole("status", { name: "Availability" })).toHaveText(/in stock/i);
  await expect(cart.line(product.name)).not.toContainText(/out of stock/i);
});
