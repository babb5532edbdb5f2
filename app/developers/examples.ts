/**
 * The developer guide's code samples. `CLIENT_EXAMPLE` is packages/client/examples/place-order.ts
 * word for word (packages/client/client.test.ts checks it), the script that test type-checks and runs.
 */

export const CLIENT_EXAMPLE = `import { randomUUID } from "node:crypto";
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
`;

export const INSTALL_CLIENT = `npm run build:client && npm pack ./packages/client   # in the Shopwise repository
npm install ./shopwise-client-<version>.tgz @trpc/client@11.19.0 @trpc/server@11.19.0 superjson@2.2.6`;

export const RATE_LIMIT_HEADERS = `HTTP/1.1 200 OK
RateLimit-Policy: "reads";q=1200;w=60
RateLimit: "reads";r=1187;t=41

HTTP/1.1 429 Too Many Requests
Retry-After: 17
RateLimit-Policy: "writes";q=120;w=60
RateLimit: "writes";r=0;t=17`;

export const VERIFY_WEBHOOK = `import { createHmac, timingSafeEqual } from "node:crypto";

/** True when the Shopwise-Signature header signs this raw body with your endpoint's secret. */
export function verifyShopwiseSignature(rawBody: string, header: string, secret: string, toleranceSeconds = 300) {
  const parts = Object.fromEntries(header.split(",").map((p) => p.trim().split("=", 2)));
  const timestamp = Number(parts.t);
  if (!Number.isInteger(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = createHmac("sha256", secret).update(\`\${timestamp}.\${rawBody}\`).digest();
  const given = Buffer.from(String(parts.v1 ?? ""), "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}`;

export const WEBHOOK_DELIVERY = `POST /your/endpoint HTTP/1.1
Content-Type: application/json
Shopwise-Event-Id: evt_…
Shopwise-Event-Type: order.paid
Shopwise-Signature: t=1764672000,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd

{"id":"evt_…","type":"order.paid","created":1764672000,"data":{"order":{…}}}`;

export const REST_EXAMPLES = `# Products (GET /api/v1/products): query parameters as the procedure's input
curl -s "https://shop.example.com/api/v1/products?q=kettle&limit=5" \\
  -H "Authorization: Bearer $SHOPWISE_API_KEY"

# Place an order (POST /api/v1/orders): safe to retry with the same Idempotency-Key
curl -s -X POST https://shop.example.com/api/v1/orders \\
  -H "Authorization: Bearer $SHOPWISE_API_KEY" \\
  -H "Content-Type: application/json" \\
  -H "Idempotency-Key: 9f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f" \\
  -d '{"lines":[{"productId":"cm…","quantity":1}]}'

# One order (GET /api/v1/orders/{orderId})
curl -s https://shop.example.com/api/v1/orders/cm… \\
  -H "Authorization: Bearer $SHOPWISE_API_KEY"`;
