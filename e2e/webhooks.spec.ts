import { once } from "node:events";
import { createServer, type IncomingHttpHeaders } from "node:http";
import { verifyWebhookSignature } from "../server/webhooks/signing";
import { demoAdmin, expect, signInViaApi, test } from "./fixtures";
import { createTestProduct, trpcMutation, uniqueTag } from "./pages/admin-api";
import { WebhooksPage } from "./pages/webhooks-page";

// A receiver on loopback, as a developer's integration would run one.
const received: { headers: IncomingHttpHeaders; body: string }[] = [];
const receiver = createServer((req, res) => {
  let body = "";
  req.on("data", (chunk: Buffer) => (body += chunk.toString()));
  req.on("end", () => {
    received.push({ headers: req.headers, body });
    res.end("thanks");
  });
});

test.beforeAll(async () => {
  receiver.listen(0, "127.0.0.1");
  await once(receiver, "listening");
});
test.afterAll(() => {
  receiver.closeAllConnections();
  receiver.close();
});

test("a developer registers an endpoint, an order's event arrives signed and shows as delivered", async ({
  page,
  browser,
  baseURL,
  signedInCustomer: _customer,
}) => {
  const admin = await browser.newContext({ baseURL });
  await signInViaApi(admin.request, demoAdmin());
  const product = await createTestProduct(admin.request, uniqueTag("Webhook lamp"));
  await admin.close();

  await page.goto("/account");
  await page.getByRole("link", { name: "Manage webhooks" }).click();
  const webhooks = new WebhooksPage(page);
  await expect(webhooks.heading).toBeVisible();

  const url = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/shopwise`;
  await webhooks.addEndpoint(url);
  await expect(webhooks.secret).toHaveText(/^whsec_[A-Za-z0-9_-]{43}$/);
  const secret = (await webhooks.secret.textContent())!;
  const endpoint = webhooks.endpoint(url);
  await expect(endpoint).toContainText("Enabled");

  const order = await trpcMutation<{ id: string }>(page.request, "orders.create", {
    idempotencyKey: crypto.randomUUID(),
    lines: [{ productId: product.id, quantity: 1 }],
  });
  await expect.poll(() => received.length).toBe(1);
  const [delivery] = received;
  const event = JSON.parse(delivery!.body) as { type: string; data: { order: { id: string } } };
  expect(event).toMatchObject({ type: "order.created", data: { order: { id: order.id } } });
  expect(verifyWebhookSignature(delivery!.body, delivery!.headers["shopwise-signature"] as string, secret)).toBe(true);

  // The list picks the delivery up on the next load and follows it until it settles.
  await page.reload();
  const created = webhooks.deliveries(webhooks.endpoint(url), "order.created");
  await expect(created).toContainText("Succeeded");
  await expect(created.getByTestId("webhook-delivery-code")).toHaveText("HTTP 200");
  await expect(webhooks.secret).toHaveCount(0); // shown once only

  await webhooks.endpoint(url).getByRole("button", { name: "Send test event" }).click();
  await expect(webhooks.deliveries(webhooks.endpoint(url), "ping")).toContainText("Succeeded");
  expect(received.map((r) => r.headers["shopwise-event-type"])).toEqual(["order.created", "ping"]);

  await webhooks.endpoint(url).getByRole("button", { name: "Disable" }).click();
  await expect(webhooks.endpoint(url)).toContainText("Disabled");

  await webhooks.endpoint(url).getByRole("button", { name: "Delete" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete endpoint" }).click();
  await expect(webhooks.endpoints).toHaveCount(0);
});
