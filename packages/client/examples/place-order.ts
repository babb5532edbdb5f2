import { randomUUID } from "node:crypto";
import { appCodeOf, createShopwiseClient, type ShopwiseInputs } from "@shopwise/client";

const shop = createShopwiseClient({
  baseUrl: process.env.SHOPWISE_URL ?? "http://localhost:3000",
  apiKey: process.env.SHOPWISE_API_KEY ?? "", // a key with catalog:read, orders:read and orders:write
});

const { items } = await shop.catalog.products.query({ inStock: true, limit: 5 });
const product = items[0];
if (!product) throw new Error("Nothing is in stock.");

// One key per checkout attempt: sending the same order again with it never orders twice.
const order: ShopwiseInputs["orders"]["create"] = {
  idempotencyKey: randomUUID(),
  lines: [{ productId: product.id, quantity: 1 }],
};
try {
  const placed = await shop.orders.create.mutate(order);
  const retried = await shop.orders.create.mutate(order); // a retry after a timeout: the same order
  const { id, reference, status, total } = await shop.orders.byId.query({ orderId: placed.id });
  console.log(JSON.stringify({ id, reference, status, total, sameOrderOnRetry: retried.id === id }));
} catch (error) {
  // Stable codes to switch on: OUT_OF_STOCK, VALIDATION_FAILED, API_KEY_SCOPE_REQUIRED …
  console.log(JSON.stringify({ failed: appCodeOf(error) ?? String(error) }));
  process.exitCode = 1;
}
