import { TRPCError } from "@trpc/server";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { startWorkers, stopWorkers } from "../jobs/workers";
import { callerFor, createPaidOrder, createProduct, createUser, eventually } from "../test/factories";
import { closeSentimentPool, scoreSentiment } from "./sentiment-pool";

afterAll(async () => {
  await stopWorkers(5_000);
  await closeSentimentPool();
});

const review = (productId: string, overrides: Partial<{ rating: number; title: string; body: string }> = {}) => ({
  productId,
  rating: 5,
  title: "Love it",
  body: "Excellent quality, works great and arrived quickly. Wonderful!",
  ...overrides,
});

async function errorOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError & { cause?: { code: string } };
}

describe("reviews", () => {
  it("only customers who bought the product may review it, once", async () => {
    const [buyer, browser] = [await createUser(), await createUser()];
    const product = await createProduct();
    const notBought = await errorOf(callerFor(browser).reviews.create(review(product.id)));
    expect(notBought).toMatchObject({ code: "FORBIDDEN", cause: { code: "NOT_A_BUYER" } });

    // An unpaid order is not a purchase yet.
    await callerFor(buyer).orders.create({
      idempotencyKey: crypto.randomUUID(),
      lines: [{ productId: product.id, quantity: 1 }],
    });
    expect((await callerFor(buyer).reviews.eligibility({ productId: product.id })).canReview).toBe(false);
    await createPaidOrder(buyer, product.id);
    expect((await callerFor(buyer).reviews.eligibility({ productId: product.id })).canReview).toBe(true);

    const created = await callerFor(buyer).reviews.create(review(product.id));
    expect(created).toMatchObject({ rating: 5, title: "Love it", mine: true, sentiment: null });
    expect(created).not.toHaveProperty("userId");
    const twice = await errorOf(callerFor(buyer).reviews.create(review(product.id)));
    expect(twice).toMatchObject({ code: "CONFLICT", cause: { code: "ALREADY_REVIEWED" } });
    expect(await callerFor(buyer).reviews.eligibility({ productId: product.id })).toMatchObject({
      canReview: false,
      mine: { id: created.id },
    });
  });

  it("validates rating, title and body by field", async () => {
    const buyer = await createUser();
    const product = await createProduct();
    await createPaidOrder(buyer, product.id);
    const error = await errorOf(
      callerFor(buyer).reviews.create(review(product.id, { rating: 6, title: "", body: "short" })),
    );
    expect(error.code).toBe("BAD_REQUEST");
    const shape = error as unknown as { cause: { issues: { path: string[] }[] } };
    expect(shape.cause.issues.map((i) => i.path[0]).sort()).toEqual(["body", "rating", "title"]);
  });

  it("authors edit and delete their own reviews; staff hide any, which removes it from the summary", async () => {
    const [author, staff] = [await createUser(), await createUser({ role: "STAFF" })];
    const product = await createProduct();
    await createPaidOrder(author, product.id);
    const mine = await callerFor(author).reviews.create(review(product.id, { rating: 4 }));
    const edited = await callerFor(author).reviews.update({
      reviewId: mine.id,
      rating: 2,
      title: "Changed my mind",
      body: "It stopped working after a week.",
    });
    expect(edited).toMatchObject({ rating: 2, title: "Changed my mind" });
    expect(await callerFor(null).reviews.summary({ productId: product.id })).toMatchObject({
      count: 1,
      average: 2,
      stars: [0, 1, 0, 0, 0],
    });

    await callerFor(staff).admin.reviews.setHidden({ reviewId: mine.id, hidden: true });
    expect(await callerFor(null).reviews.summary({ productId: product.id })).toMatchObject({ count: 0, average: null });
    expect((await callerFor(null).reviews.list({ productId: product.id })).items).toEqual([]);
    const audit = await db.auditLog.findFirst({ where: { entity: "Review", entityId: mine.id } });
    expect(audit).toMatchObject({ action: "review.hide", actorId: staff.id, after: { hidden: true } });

    await callerFor(author).reviews.delete({ reviewId: mine.id });
    expect(await db.review.count({ where: { id: mine.id } })).toBe(0);
  });

  it("lists visible reviews newest first with cursor pagination and the author's name", async () => {
    const product = await createProduct({ stock: 50 });
    for (const name of ["Ann", "Ben", "Cai"]) {
      const buyer = await createUser({ name });
      await createPaidOrder(buyer, product.id);
      await callerFor(buyer).reviews.create(review(product.id, { title: `By ${name}` }));
    }
    const first = await callerFor(null).reviews.list({ productId: product.id, limit: 2 });
    const rest = await callerFor(null).reviews.list({ productId: product.id, limit: 2, cursor: first.nextCursor });
    expect([...first.items, ...rest.items].map((r) => r.title)).toEqual(["By Cai", "By Ben", "By Ann"]);
    expect(first.items[0]).toMatchObject({ authorName: "Cai", mine: false });
    expect(first.items[0]).not.toHaveProperty("userId");
    expect(rest.nextCursor).toBeNull();
  });
});

describe("review sentiment", () => {
  it("scores text in the worker-thread pool: positive, negative, neutral", async () => {
    const [good, bad, plain] = await Promise.all([
      scoreSentiment("Excellent, I love it. Great quality and wonderful support."),
      scoreSentiment("Terrible. It broke on day one, awful and useless."),
      scoreSentiment("The box contains one lamp and a cable."),
    ]);
    expect(good).toBeGreaterThan(0.5);
    expect(bad).toBeLessThan(-0.5);
    expect(plain).toBe(0);
  });

  it("is computed by a job after the review is saved, and recomputed after an edit", async () => {
    await startWorkers({ concurrency: 1 });
    const author = await createUser();
    const product = await createProduct();
    await createPaidOrder(author, product.id);
    const created = await callerFor(author).reviews.create(review(product.id));
    const scored = await eventually(async () => {
      const row = await db.review.findUniqueOrThrow({ where: { id: created.id } });
      return row.sentiment !== null && row;
    });
    expect(scored.sentiment).toBeGreaterThan(0.5);
    expect(scored.updatedAt).toEqual(created.updatedAt);

    await callerFor(author).reviews.update({
      reviewId: created.id,
      rating: 1,
      title: "Awful",
      body: "Terrible quality, broke immediately. Horrible and disappointing.",
    });
    const rescored = await eventually(async () => {
      const row = await db.review.findUniqueOrThrow({ where: { id: created.id } });
      return row.sentiment !== null && row.sentiment < 0 && row;
    });
    expect(rescored.sentiment).toBeLessThan(-0.5);
    expect((await callerFor(null).reviews.summary({ productId: product.id })).sentiment).toBeLessThan(-0.5);
  });
});
