import { TRPCError } from "@trpc/server";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { reloadEnv } from "../env";
import { stopWorkers, startWorkers } from "../jobs/workers";
import { getLogger } from "../observability/logger";
import { callerFor, createPaidOrder, createProduct, createUser, eventually } from "../test/factories";
import { expireUnpaidOrders } from "./orders.service";

afterAll(() => stopWorkers(5_000));

const key = () => crypto.randomUUID();
const stockOf = async (id: string) => (await db.product.findUniqueOrThrow({ where: { id } })).stock;

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError & { cause: { code: string; context: Record<string, unknown> } };
}

describe("checkout", () => {
  it("reserves stock, prices the order from the catalog and enqueues the confirmation mail", async () => {
    const customer = await createUser();
    const a = await createProduct({ price: "12.50", stock: 5 });
    const b = await createProduct({ price: "0.99", stock: 3 });
    const order = await callerFor(customer).orders.create({
      idempotencyKey: key(),
      lines: [
        { productId: a.id, quantity: 2 },
        { productId: b.id, quantity: 3 },
      ],
    });
    expect(order).toMatchObject({ status: "PENDING", total: "27.97", userId: customer.id });
    expect(order.items.map((i) => [i.productName, i.unitPrice, i.quantity, i.lineTotal])).toEqual(
      expect.arrayContaining([
        [a.name, "12.50", 2, "25.00"],
        [b.name, "0.99", 3, "2.97"],
      ]),
    );
    expect(order.expiresAt!.getTime() - order.createdAt.getTime()).toBeCloseTo(30 * 60_000, -4);
    expect([await stockOf(a.id), await stockOf(b.id)]).toEqual([3, 0]);

    await startWorkers({ concurrency: 1 });
    const mail = await eventually(() =>
      db.outboxMail.findFirst({ where: { dedupeKey: `order-confirmation:${order.id}`, status: "SENT" } }),
    );
    expect(mail).toMatchObject({ to: customer.email, template: "order-confirmation" });
    expect(mail.text).toContain(`2 × ${a.name} — $25.00`);
    expect(mail.text).toContain("Total: $27.97");
  });

  it("answers with the order exactly as it is stored and read back later, items by name", async () => {
    const customer = await createUser();
    const names = ["Zinc Kettle", "apple Crate", "Birch Stool", "Äsche Vase"];
    const products = [];
    for (const name of names) products.push(await createProduct({ name, price: "3.10" }));
    const created = await callerFor(customer).orders.create({
      idempotencyKey: key(),
      lines: products.map((p, i) => ({ productId: p.id, quantity: i + 1 })),
    });
    expect(await callerFor(customer).orders.byId({ orderId: created.id })).toEqual(created);
    const stored = await db.orderItem.findMany({ where: { orderId: created.id }, orderBy: { productName: "asc" } });
    expect(created.items.map((i) => [i.id, i.productName])).toEqual(stored.map((i) => [i.id, i.productName]));
    expect(created.items.map((i) => i.id)).toEqual(expect.arrayContaining([expect.stringMatching(/^c[a-z0-9]{24}$/)]));
  });

  it("refuses a short line with CONFLICT naming the product, and writes nothing", async () => {
    const customer = await createUser();
    const plenty = await createProduct({ stock: 10 });
    const scarce = await createProduct({ name: "Scarce Lamp", stock: 1 });
    const error = await failure(
      callerFor(customer).orders.create({
        idempotencyKey: key(),
        lines: [
          { productId: plenty.id, quantity: 1 },
          { productId: scarce.id, quantity: 2 },
        ],
      }),
    );
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toBe("Only 1 of “Scarce Lamp” left; lower the quantity to continue.");
    expect(error.cause).toMatchObject({ code: "OUT_OF_STOCK", context: { productId: scarce.id, available: 1 } });
    // Clients get the context as data.details, so the cart can mark the line by id.
    const { appRouter } = await import("../api/root");
    const { getErrorShape } = await import("@trpc/server/unstable-core-do-not-import");
    const shape = getErrorShape({
      config: appRouter._def._config,
      error,
      type: "mutation",
      path: "orders.create",
      input: undefined,
      ctx: undefined,
    });
    expect(shape.data).toMatchObject({ appCode: "OUT_OF_STOCK", details: { productId: scarce.id, available: 1 } });
    expect([await stockOf(plenty.id), await stockOf(scarce.id)]).toEqual([10, 1]);
    expect(await db.order.count({ where: { userId: customer.id } })).toBe(0);
  });

  it("never oversells: 200 concurrent purchases of a product with stock 50 → exactly 50 orders", async () => {
    const product = await createProduct({ stock: 50 });
    const buyers = await Promise.all(Array.from({ length: 20 }, () => createUser()));
    const attempts = Array.from({ length: 200 }, (_, i) =>
      callerFor(buyers[i % buyers.length]!).orders.create({
        idempotencyKey: key(),
        lines: [{ productId: product.id, quantity: 1 }],
      }),
    );
    const results = await Promise.allSettled(attempts);
    const succeeded = results.filter((r) => r.status === "fulfilled");
    const refused = results.flatMap((r) => (r.status === "rejected" ? [r.reason as TRPCError] : []));
    expect(succeeded).toHaveLength(50);
    expect(refused).toHaveLength(150);
    expect(new Set(refused.map((e) => e.code))).toEqual(new Set(["CONFLICT"]));
    expect(await stockOf(product.id)).toBe(0);
    const sold = await db.orderItem.aggregate({ where: { productId: product.id }, _sum: { quantity: true } });
    expect(sold._sum.quantity).toBe(50);
  }, 60_000);

  it("accepts an idempotency key once: a retry returns the first order, and never reserves twice", async () => {
    const customer = await createUser();
    const product = await createProduct({ stock: 10 });
    const input = { idempotencyKey: key(), lines: [{ productId: product.id, quantity: 2 }] };
    const first = await callerFor(customer).orders.create(input);
    const again = await callerFor(customer).orders.create(input);
    expect(again.id).toBe(first.id);
    // The same key raced from parallel requests: still one order.
    const racing = { idempotencyKey: key(), lines: [{ productId: product.id, quantity: 1 }] };
    const raced = await Promise.all(Array.from({ length: 8 }, () => callerFor(customer).orders.create(racing)));
    expect(new Set(raced.map((o) => o.id)).size).toBe(1);
    expect(await db.order.count({ where: { userId: customer.id } })).toBe(2);
    expect(await stockOf(product.id)).toBe(7);

    const reused = await failure(
      callerFor(customer).orders.create({ ...input, lines: [{ productId: product.id, quantity: 3 }] }),
    );
    expect(reused.code).toBe("CONFLICT");
    expect(reused.cause.code).toBe("IDEMPOTENCY_KEY_REUSED");
  });

  it("a retry returns its order even when that order took the last units", async () => {
    const customer = await createUser();
    const product = await createProduct({ stock: 2 });
    const input = { idempotencyKey: key(), lines: [{ productId: product.id, quantity: 2 }] };
    const first = await callerFor(customer).orders.create(input);
    expect(await stockOf(product.id)).toBe(0);
    expect((await callerFor(customer).orders.create(input)).id).toBe(first.id);
    expect(await db.order.count({ where: { userId: customer.id } })).toBe(1);
  });

  it("validates input: quantities, duplicate lines and unknown fields are refused by name", async () => {
    const customer = await createUser();
    const product = await createProduct();
    const bad = await failure(
      callerFor(customer).orders.create({
        idempotencyKey: "short",
        lines: [{ productId: product.id, quantity: 0 }],
      }),
    );
    expect(bad.code).toBe("BAD_REQUEST");
    const unknownKey = await failure(
      callerFor(customer).orders.create({
        idempotencyKey: key(),
        lines: [{ productId: product.id, quantity: 1, unitPrice: "0.01" } as never],
      }),
    );
    expect(unknownKey.code).toBe("BAD_REQUEST");
    expect(await stockOf(product.id)).toBe(10);
  });
});

describe("order lifecycle", () => {
  it("follows PENDING → PAID → SHIPPED → DELIVERED and refuses other moves", async () => {
    const customer = await createUser();
    const staff = await createUser({ role: "STAFF" });
    const product = await createProduct({ stock: 5 });
    const order = await createPaidOrder(customer, product.id);
    expect(order.status).toBe("PAID");
    expect(order.paidAt).toBeInstanceOf(Date);

    const skip = await failure(callerFor(staff).admin.orders.setStatus({ orderId: order.id, status: "DELIVERED" }));
    expect(skip).toMatchObject({ code: "CONFLICT", message: "An order that is paid cannot become delivered." });
    await callerFor(staff).admin.orders.setStatus({ orderId: order.id, status: "SHIPPED" });
    const delivered = await callerFor(staff).admin.orders.setStatus({ orderId: order.id, status: "DELIVERED" });
    expect(delivered).toMatchObject({
      status: "DELIVERED",
      shippedAt: expect.any(Date),
      deliveredAt: expect.any(Date),
    });
    const back = await failure(callerFor(staff).admin.orders.setStatus({ orderId: order.id, status: "CANCELLED" }));
    expect(back.cause.code).toBe("INVALID_ORDER_TRANSITION");
    expect(await stockOf(product.id)).toBe(4);
  });

  it("returns the stock when a customer cancels an unpaid order", async () => {
    const customer = await createUser();
    const product = await createProduct({ stock: 5 });
    const order = await callerFor(customer).orders.create({
      idempotencyKey: key(),
      lines: [{ productId: product.id, quantity: 3 }],
    });
    expect(await stockOf(product.id)).toBe(2);
    const cancelled = await callerFor(customer).orders.cancel({ orderId: order.id });
    expect(cancelled).toMatchObject({ status: "CANCELLED", cancelReason: "cancelled by customer" });
    expect(await stockOf(product.id)).toBe(5);
    expect((await failure(callerFor(customer).orders.pay({ orderId: order.id }))).code).toBe("CONFLICT");
  });

  it("expires unpaid orders past their window, returning stock, and leaves the rest alone", async () => {
    const customer = await createUser();
    const product = await createProduct({ stock: 10 });
    const place = (quantity: number) =>
      callerFor(customer).orders.create({ idempotencyKey: key(), lines: [{ productId: product.id, quantity }] });
    const overdue = [await place(1), await place(2)];
    const fresh = await place(3);
    const paid = await createPaidOrder(customer, product.id, 1);
    await db.order.updateMany({
      where: { id: { in: overdue.map((o) => o.id) } },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await stockOf(product.id)).toBe(3);

    const expired = await expireUnpaidOrders({ db, log: getLogger() });
    expect(expired).toBe(2);
    expect(await stockOf(product.id)).toBe(6);
    const statuses = await db.order.findMany({ where: { userId: customer.id }, select: { id: true, status: true } });
    expect(Object.fromEntries(statuses.map((o) => [o.id, o.status]))).toEqual({
      [overdue[0]!.id]: "CANCELLED",
      [overdue[1]!.id]: "CANCELLED",
      [fresh.id]: "PENDING",
      [paid.id]: "PAID",
    });
    const late = await failure(callerFor(customer).orders.pay({ orderId: overdue[0]!.id }));
    expect(late.code).toBe("CONFLICT");
    expect(await expireUnpaidOrders({ db, log: getLogger() })).toBe(0);
  });

  it("is scheduled every minute by the expiry job", async () => {
    await startWorkers({ concurrency: 1 });
    const { getBoss } = await import("../jobs/queue");
    const schedules = await (await getBoss()).getSchedules();
    expect(schedules).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: "orders.expire-unpaid", cron: "* * * * *" })]),
    );
  });
});

describe("order visibility", () => {
  it("lists a customer's own orders only, newest first, with cursor pagination", async () => {
    const [alice, bob] = [await createUser(), await createUser()];
    const product = await createProduct({ stock: 20 });
    for (let i = 0; i < 3; i++)
      await callerFor(alice).orders.create({ idempotencyKey: key(), lines: [{ productId: product.id, quantity: 1 }] });
    await callerFor(bob).orders.create({ idempotencyKey: key(), lines: [{ productId: product.id, quantity: 1 }] });
    const first = await callerFor(alice).orders.list({ limit: 2 });
    const second = await callerFor(alice).orders.list({ limit: 2, cursor: first.nextCursor });
    const all = [...first.items, ...second.items];
    expect(all).toHaveLength(3);
    expect(second.nextCursor).toBeNull();
    expect(all.every((o) => o.userId === alice.id)).toBe(true);
    expect(all.map((o) => o.createdAt.getTime())).toEqual(
      [...all.map((o) => o.createdAt.getTime())].sort((x, y) => y - x),
    );
  });
});

describe("limits per account", () => {
  const limit = (settings: { ORDER_MAX_PENDING_PER_USER?: string; ORDER_MAX_UNITS_PER_PRODUCT?: string }) => {
    Object.assign(process.env, settings);
    reloadEnv();
  };
  afterEach(() => {
    delete process.env.ORDER_MAX_PENDING_PER_USER;
    delete process.env.ORDER_MAX_UNITS_PER_PRODUCT;
    reloadEnv();
  });

  it("a retry returns its order, not a limit error, when that order filled the quota", async () => {
    limit({ ORDER_MAX_PENDING_PER_USER: "1" });
    const customer = await createUser();
    const product = await createProduct({ stock: 10 });
    const input = { idempotencyKey: key(), lines: [{ productId: product.id, quantity: 1 }] };
    const placed = await callerFor(customer).orders.create(input);
    expect((await callerFor(customer).orders.create(input)).id).toBe(placed.id);
    const next = await failure(callerFor(customer).orders.create({ ...input, idempotencyKey: key() }));
    expect(next.cause.code).toBe("TOO_MANY_PENDING_ORDERS");
    expect(await stockOf(product.id)).toBe(9);
  });

  it("caps unpaid orders per account; paying one, or one expiring, makes room", async () => {
    limit({ ORDER_MAX_PENDING_PER_USER: "2" });
    const customer = await createUser();
    const product = await createProduct({ stock: 20 });
    const place = () =>
      callerFor(customer).orders.create({ idempotencyKey: key(), lines: [{ productId: product.id, quantity: 1 }] });
    const [first, second] = [await place(), await place()];
    const refused = await failure(place());
    expect(refused.code).toBe("CONFLICT");
    expect(refused.cause).toMatchObject({
      code: "TOO_MANY_PENDING_ORDERS",
      context: { pendingOrders: 2, maxPendingOrders: 2 },
    });
    expect(refused.message).toMatch(/2 orders waiting for payment/);
    expect(await stockOf(product.id)).toBe(18);
    // Another account is not affected.
    await expect(
      callerFor(await createUser()).orders.create({
        idempotencyKey: key(),
        lines: [{ productId: product.id, quantity: 1 }],
      }),
    ).resolves.toMatchObject({ status: "PENDING" });

    await callerFor(customer).orders.pay({ orderId: first.id });
    await place();
    await db.order.update({ where: { id: second.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(place()).resolves.toMatchObject({ status: "PENDING" });
  });

  it("caps the units of one product an account holds in unpaid orders, naming the field and product", async () => {
    limit({ ORDER_MAX_UNITS_PER_PRODUCT: "4" });
    const customer = await createUser();
    const product = await createProduct({ name: "Limited Mug", stock: 22 });
    const other = await createProduct({ stock: 22 });
    const place = (quantity: number, productId = product.id) =>
      callerFor(customer).orders.create({ idempotencyKey: key(), lines: [{ productId, quantity }] });

    const tooMany = await failure(place(5));
    expect(tooMany.code).toBe("BAD_REQUEST");
    expect(tooMany.cause).toMatchObject({
      code: "QUANTITY_LIMIT",
      field: "lines",
      context: { productId: product.id, maxUnitsPerProduct: 4, alreadyPending: 0, requested: 5 },
    });
    expect(tooMany.message).toBe("You can order at most 4 of “Limited Mug” at a time; lower the quantity to continue.");

    const held = await place(3);
    const more = await failure(place(2));
    expect(more.cause).toMatchObject({ code: "QUANTITY_LIMIT", context: { alreadyPending: 3 } });
    expect(more.message).toMatch(/3 are already waiting for payment/);
    await expect(place(1)).resolves.toMatchObject({ status: "PENDING" });
    await expect(place(4, other.id)).resolves.toMatchObject({ status: "PENDING" });
    expect(await stockOf(product.id)).toBe(18);

    await callerFor(customer).orders.cancel({ orderId: held.id });
    await expect(place(3)).resolves.toMatchObject({ status: "PENDING" });
  });

  it("holds under concurrency: parallel checkouts of one account never pass the cap", async () => {
    limit({ ORDER_MAX_PENDING_PER_USER: "2" });
    const customer = await createUser();
    const product = await createProduct({ stock: 50 });
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, () =>
        callerFor(customer).orders.create({
          idempotencyKey: key(),
          lines: [{ productId: product.id, quantity: 1 }],
        }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
    const reasons = results.flatMap((r) => (r.status === "rejected" ? [(r.reason as TRPCError).cause] : []));
    expect(new Set(reasons.map((c) => (c as unknown as { code: string }).code))).toEqual(
      new Set(["TOO_MANY_PENDING_ORDERS"]),
    );
    expect(await db.order.count({ where: { userId: customer.id } })).toBe(2);
    expect(await stockOf(product.id)).toBe(48);
  });
});
