import { afterAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { reloadEnv } from "../env";
import { callerFor, createProduct, createUser, uniqueEmail } from "../test/factories";
import { handleCronRequest } from "./cron";
import { stopWorkers } from "./workers";

const SECRET = "cron-secret-for-tests-0123456789";
const withSecret = (value = SECRET) => new Headers({ authorization: `Bearer ${value}` });

afterAll(async () => {
  delete process.env.CRON_SECRET;
  reloadEnv();
  await stopWorkers(5_000);
});

describe("cron routes (hosts without a worker)", () => {
  it("are off without CRON_SECRET and refuse callers without it", async () => {
    delete process.env.CRON_SECRET;
    reloadEnv();
    expect((await handleCronRequest(withSecret(), "drain")).status).toBe(404);
    process.env.CRON_SECRET = SECRET;
    reloadEnv();
    expect((await handleCronRequest(new Headers(), "drain")).status).toBe(401);
    expect((await handleCronRequest(withSecret("wrong-secret-of-same-size-000000"), "drain")).status).toBe(401);
    expect((await handleCronRequest(withSecret(), "no-such-job")).status).toBe(404);
  });

  it("drain runs the queued jobs (no worker is running in this file)", async () => {
    const email = uniqueEmail("cron");
    await callerFor(null).auth.signUp({ name: "Cron", email, password: "long enough pw" });
    const response = await handleCronRequest(withSecret(), "drain");
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ completed: expect.any(Number), failed: 0 });
    expect(await db.outboxMail.findFirst({ where: { to: email } })).toMatchObject({ status: "SENT" });
  });

  it("runs a scheduled job on demand: orders.expire-unpaid", async () => {
    const customer = await createUser();
    const product = await createProduct({ stock: 4 });
    const order = await callerFor(customer).orders.create({
      idempotencyKey: crypto.randomUUID(),
      lines: [{ productId: product.id, quantity: 4 }],
    });
    await db.order.update({ where: { id: order.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    const response = await handleCronRequest(withSecret(), "orders.expire-unpaid");
    expect(await response.json()).toEqual({ ran: "orders.expire-unpaid" });
    expect(await db.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: "CANCELLED" });
    expect((await db.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(4);
  });
});
