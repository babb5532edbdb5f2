import { describe, expect, it } from "vitest";
import { renderError, toTRPCError } from "../errors";
import { createInnerContext } from "../api/trpc";
import { createCaller } from "../api/root";
import { createPrismaClient, db } from "./client";
import { appErrorFromDatabase } from "./errors";

/**
 * Real failures of a real driver, not imitations of them: a server that is not there, a pool
 * with no connection free, text PostgreSQL cannot store.
 */
const unreachable = createPrismaClient("postgresql://shop:pw@127.0.0.1:1/shop", { connectionTimeoutMillis: 500 });

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable("the call should have failed"),
    (error: unknown) => error,
  );
}

describe("database failures", () => {
  it("an unreachable database is 503 DATABASE_UNAVAILABLE with Retry-After, for models and raw SQL", async () => {
    for (const error of [
      await failureOf(unreachable.product.findFirst()),
      await failureOf(unreachable.$queryRaw`select 1`),
      await failureOf(unreachable.$transaction(async (tx) => tx.user.count())),
    ]) {
      const rendered = renderError(error);
      expect(rendered).toMatchObject({ status: 503, headers: { "Retry-After": "5" }, internal: false });
      expect(rendered.body.data).toMatchObject({ code: "SERVICE_UNAVAILABLE", appCode: "DATABASE_UNAVAILABLE" });
    }
  });

  it("every procedure answers 503 during an outage, not 500", async () => {
    const caller = createCaller(createInnerContext({ user: null, db: unreachable }));
    const error = await failureOf(caller.catalog.products({}));
    expect(toTRPCError(error).code).toBe("SERVICE_UNAVAILABLE");
  });

  it("a pool with no free connection fails within its timeout as 503, instead of waiting forever", async () => {
    const tiny = createPrismaClient(process.env.DATABASE_URL!, { max: 1, connectionTimeoutMillis: 300 });
    const holding = tiny.$transaction(async (tx) => tx.$executeRaw`select pg_sleep(1.5)`, { timeout: 5_000 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    const error = await failureOf(tiny.user.count());
    expect(Date.now() - started).toBeLessThan(1_400);
    expect(renderError(error)).toMatchObject({ status: 503, headers: { "Retry-After": "2" } });
    expect(renderError(error).body.data.appCode).toBe("DATABASE_BUSY");
    await holding;
    await tiny.$disconnect();
  });

  it("text PostgreSQL cannot store is a 400, and a missing row a 404", async () => {
    const nul = await failureOf(db.$queryRaw`select ${"a\u0000b"}::text`);
    expect(renderError(nul).status).toBe(400);
    const missing = await failureOf(db.category.update({ where: { id: "no-such-category" }, data: { name: "x" } }));
    expect(renderError(missing).status).toBe(404);
  });

  it("leaves errors that are not the database's alone", () => {
    expect(appErrorFromDatabase(new Error("boom"))).toBeNull();
    expect(appErrorFromDatabase(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }))).toBeNull();
    expect(renderError(new Error("boom")).status).toBe(500);
  });
});
