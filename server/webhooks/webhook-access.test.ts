import { once } from "node:events";
import { createServer } from "node:http";
import { afterAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../auth/roles";
import { db } from "../db/client";
import { renderError } from "../errors";
import { getLogger } from "../observability/logger";
import { callerFor, createProduct, createUser } from "../test/factories";
import { deliverWebhook } from "./deliver";

/** Who may receive which order's events (delivery-access.ts): at emit, at each attempt, at resend. */

const hits: string[] = [];
const receiver = createServer((req, res) => {
  hits.push(req.url ?? "/");
  req.resume();
  req.on("end", () => res.end("ok"));
});
receiver.listen(0, "127.0.0.1");
await once(receiver, "listening");
const base = `http://127.0.0.1:${(receiver.address() as { port: number }).port}`;
afterAll(() => {
  receiver.closeAllConnections();
  receiver.close();
});

let n = 0;
async function endpointOf(user: SessionUser, options: { receivesAllOrders?: boolean } = {}) {
  const path = `/access-${++n}`;
  const { endpoint } = await callerFor(user).webhooks.create({
    url: `${base}${path}`,
    events: ["order.created"],
    ...options,
  });
  return { ...endpoint, path };
}

async function placeOrder(user: SessionUser) {
  const product = await createProduct({ stock: 10 });
  return callerFor(user).orders.create({
    idempotencyKey: crypto.randomUUID(),
    lines: [{ productId: product.id, quantity: 1 }],
  });
}

/** The order ids an endpoint has deliveries for (this file runs no worker: they stay queued). */
const ordersDeliveredTo = async (endpointId: string) =>
  (await db.webhookDelivery.findMany({ where: { endpointId }, select: { payload: true } })).map(
    (d) => (d.payload as { data: { order: { id: string } } }).data.order.id,
  );

const appErrorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => renderError(error).body.data,
  );

/** Attempts the endpoint's delivery of `orderId` by hand and returns it as recorded. */
async function attemptDeliveryOf(endpointId: string, orderId: string) {
  const delivery = await db.webhookDelivery.findFirstOrThrow({
    where: { endpointId, payload: { path: ["data", "order", "id"], equals: orderId } },
  });
  await deliverWebhook({ db, log: getLogger() }, delivery.id, { retryCount: 0, retryLimit: 7 });
  return db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id }, include: { attemptsLog: true } });
}

describe("which endpoints receive an order's events", () => {
  it("a staff member's endpoint gets their own orders only, unless it asked for all orders", async () => {
    const customer = await createUser();
    const staff = await createUser({ role: "STAFF" });
    const plain = await endpointOf(staff);
    const everything = await endpointOf(staff, { receivesAllOrders: true });
    expect(everything.receivesAllOrders).toBe(true);
    const theirs = await placeOrder(customer);
    const own = await placeOrder(staff);
    expect(await ordersDeliveredTo(plain.id)).toEqual([own.id]);
    expect((await ordersDeliveredTo(everything.id)).sort()).toEqual([theirs.id, own.id].sort());
  });

  it("refuses receivesAllOrders to a caller acting as a customer (403 naming the field)", async () => {
    const customer = await createUser();
    const api = callerFor(customer).webhooks;
    const refused = await appErrorOf(
      api.create({ url: `${base}/no`, events: ["order.created"], receivesAllOrders: true }),
    );
    expect(refused).toMatchObject({
      httpStatus: 403,
      appCode: "WEBHOOK_ALL_ORDERS_STAFF_ONLY",
      fieldErrors: { receivesAllOrders: [expect.any(String)] },
    });
    const mine = await endpointOf(customer);
    expect(await appErrorOf(api.update({ endpointId: mine.id, receivesAllOrders: true }))).toMatchObject({
      httpStatus: 403,
      appCode: "WEBHOOK_ALL_ORDERS_STAFF_ONLY",
    });
    expect(await api.update({ endpointId: mine.id, receivesAllOrders: false })).toMatchObject({
      receivesAllOrders: false,
    });
    // The acting role decides, not the account's: a staff account acting as a customer (an API
    // key with a customer scope) cannot ask for it either.
    const staff = await createUser({ role: "STAFF" });
    const actingAsCustomer = callerFor({ ...staff, role: "CUSTOMER" }).webhooks;
    expect(
      await appErrorOf(
        actingAsCustomer.create({ url: `${base}/x`, events: ["order.created"], receivesAllOrders: true }),
      ),
    ).toMatchObject({ httpStatus: 403, appCode: "WEBHOOK_ALL_ORDERS_STAFF_ONLY" });
    expect(
      await db.webhookEndpoint.count({ where: { userId: { in: [customer.id, staff.id] }, receivesAllOrders: true } }),
    ).toBe(0);
  });

  it("staff can turn all orders on and off by update, audited", async () => {
    const staff = await createUser({ role: "STAFF" });
    const endpoint = await endpointOf(staff);
    const api = callerFor(staff).webhooks;
    expect(await api.update({ endpointId: endpoint.id, receivesAllOrders: true })).toMatchObject({
      receivesAllOrders: true,
    });
    const theirs = await placeOrder(await createUser());
    expect(await ordersDeliveredTo(endpoint.id)).toEqual([theirs.id]);
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: endpoint.id, action: "webhook.update" } });
    expect(audit).toMatchObject({ before: { receivesAllOrders: false }, after: { receivesAllOrders: true } });
  });

  it("an all-orders endpoint gets nothing more once its owner is no longer staff, or is disabled", async () => {
    const customer = await createUser();
    const demoted = await createUser({ role: "STAFF" });
    const disabled = await createUser({ role: "ADMIN" });
    const wasStaff = await endpointOf(demoted, { receivesAllOrders: true });
    const offAccount = await endpointOf(disabled, { receivesAllOrders: true });
    await db.user.update({ where: { id: demoted.id }, data: { role: "CUSTOMER" } });
    await db.user.update({ where: { id: disabled.id }, data: { disabledAt: new Date() } });
    await placeOrder(customer);
    const own = await placeOrder(demoted);
    expect(await ordersDeliveredTo(wasStaff.id)).toEqual([own.id]);
    expect(await ordersDeliveredTo(offAccount.id)).toEqual([]);
  });
});

describe("each attempt and each resend check the owner again", () => {
  it("fails, without sending or retrying, a delivery whose owner was demoted or disabled meanwhile", async () => {
    const customer = await createUser();
    const staff = await createUser({ role: "STAFF" });
    const other = await createUser({ role: "STAFF" });
    const fulfilment = await endpointOf(staff, { receivesAllOrders: true });
    const ops = await endpointOf(other, { receivesAllOrders: true });
    const order = await placeOrder(customer);
    await db.user.update({ where: { id: staff.id }, data: { role: "CUSTOMER" } });
    await db.user.update({ where: { id: other.id }, data: { disabledAt: new Date() } });
    hits.length = 0;

    const demoted = await attemptDeliveryOf(fulfilment.id, order.id);
    expect(demoted).toMatchObject({ status: "FAILED", attempts: 1, nextAttemptAt: null, lastStatusCode: null });
    expect(demoted.lastError).toBe(
      "refused: the endpoint's owner is no longer staff, so it no longer receives other customers' orders",
    );
    const off = await attemptDeliveryOf(ops.id, order.id);
    expect(off).toMatchObject({ status: "FAILED", lastError: "refused: the endpoint's owner account is disabled" });
    expect(hits).toEqual([]);
  });

  it("fails a delivery of another customer's order to an endpoint that is not an all-orders one", async () => {
    const customer = await createUser();
    const stranger = await createUser();
    const endpoint = await endpointOf(stranger);
    const order = await placeOrder(customer);
    // A delivery that should never have been recorded (a bug, a hand-made row): the attempt refuses it.
    const { payload } = await db.webhookDelivery.findFirstOrThrow({
      where: { payload: { path: ["data", "order", "id"], equals: order.id } },
    });
    await db.webhookDelivery.create({
      data: {
        endpointId: endpoint.id,
        eventType: "order.created",
        eventId: "evt_misrouted",
        payload: payload as object,
      },
    });
    hits.length = 0;
    const refused = await attemptDeliveryOf(endpoint.id, order.id);
    expect(refused).toMatchObject({
      status: "FAILED",
      lastError: "refused: this endpoint may only receive its owner's own orders",
    });
    expect(hits).toEqual([]);
  });

  it("refuses to resend a delivery its endpoint may no longer receive", async () => {
    const customer = await createUser();
    const staff = await createUser({ role: "STAFF" });
    const fulfilment = await endpointOf(staff, { receivesAllOrders: true });
    await placeOrder(customer);
    const delivery = await db.webhookDelivery.findFirstOrThrow({ where: { endpointId: fulfilment.id } });
    await db.webhookDelivery.update({ where: { id: delivery.id }, data: { status: "SUCCEEDED" } });
    await db.user.update({ where: { id: staff.id }, data: { role: "CUSTOMER" } });
    const refused = await appErrorOf(
      callerFor({ ...staff, role: "CUSTOMER" }).webhooks.resend({ deliveryId: delivery.id }),
    );
    expect(refused).toMatchObject({ httpStatus: 403, appCode: "WEBHOOK_DELIVERY_NOT_ALLOWED" });
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({
      status: "SUCCEEDED",
    });
  });
});
