import "server-only";
import { ownedBy } from "../auth/ownership";
import type { SessionUser } from "../auth/roles";
import { Prisma, type Db } from "../db/client";
import { isForeignKeyViolation, isUniqueViolation } from "../db/errors";
import { afterCursor, cursorPage } from "../db/pagination";
import { ConflictError, ForbiddenError, NotFoundError } from "../errors";
import { enqueue } from "../jobs/queue";
import { scoreReviewSentiment } from "../jobs/score-review-sentiment";
import { PURCHASED_STATUSES } from "../orders/order-lifecycle";
import type { UserCtx } from "../users/users.service";
import { publicReviewSelect, type CreateReviewInput, type UpdateReviewInput } from "./reviews.schemas";

type Tx = Prisma.TransactionClient;

/** A review as anyone may see it: the author's name, never their id; `mine` for the viewer's own. */
const toPublicReview = (
  { user, userId, ...review }: Prisma.ReviewGetPayload<{ select: typeof publicReviewSelect }>,
  viewer: SessionUser | null,
) => ({
  ...review,
  authorName: user.name ?? "A Shopwise customer",
  mine: viewer?.id === userId,
});

/** Visible reviews of a product, newest first, with cursor pagination. */
export async function listProductReviews(
  ctx: { db: Db; user: SessionUser | null },
  input: { productId: string; cursor?: string | null; limit: number },
) {
  const rows = await ctx.db.review.findMany({
    where: { productId: input.productId, hidden: false },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    ...afterCursor(input),
    select: publicReviewSelect,
  });
  const page = cursorPage(rows, input);
  return { ...page, items: page.items.map((review) => toPublicReview(review, ctx.user)) };
}

/** Rating summary of the visible reviews (count, average, per-star counts, mean sentiment): one query. */
export async function reviewSummary(db: Db, productId: string) {
  const [row] = await db.$queryRaw<
    { count: number; average: number | null; sentiment: number | null; stars: number[] }[]
  >`SELECT count(*)::int AS count,
           round(avg(rating), 2)::float8 AS average,
           round(avg(sentiment)::numeric, 3)::float8 AS sentiment,
           ARRAY[count(*) FILTER (WHERE rating = 1), count(*) FILTER (WHERE rating = 2),
                 count(*) FILTER (WHERE rating = 3), count(*) FILTER (WHERE rating = 4),
                 count(*) FILTER (WHERE rating = 5)]::int[] AS stars
    FROM "Review" WHERE "productId" = ${productId} AND NOT hidden`;
  return row!;
}

/**
 * The review, if `user` wrote it; NOT_FOUND for everyone else, staff included (staff moderate
 * by hiding, they do not edit customers' words). The one ownership check for reviews.
 */
export async function requireReviewAuthor(db: Db | Tx, user: SessionUser, reviewId: string) {
  const review = await db.review.findFirst({
    where: { id: reviewId, ...ownedBy(user, "owner-only") },
    select: { id: true, productId: true, userId: true },
  });
  if (!review) throw new NotFoundError("REVIEW_NOT_FOUND", "We could not find this review among yours.");
  return review;
}

async function hasBought(db: Db | Tx, userId: string, productId: string) {
  const item = await db.orderItem.findFirst({
    where: { productId, order: { userId, status: { in: [...PURCHASED_STATUSES] } } },
    select: { id: true },
  });
  return item !== null;
}

/** What the product page needs to offer the review form: may the caller review, and their review. */
export async function reviewEligibility(ctx: UserCtx, productId: string) {
  const mine = await ctx.db.review.findUnique({
    where: { productId_userId: { productId, userId: ctx.user.id } },
    select: { ...publicReviewSelect, hidden: true },
  });
  return { canReview: !mine && (await hasBought(ctx.db, ctx.user.id, productId)), mine };
}

/** A buyer's review; its sentiment is scored by a job enqueued in the same transaction. */
export async function createReview(ctx: UserCtx, input: CreateReviewInput) {
  try {
    return await ctx.db.$transaction(async (tx) => {
      if (!(await hasBought(tx, ctx.user.id, input.productId)))
        throw new ForbiddenError("NOT_A_BUYER", "Only customers who bought this product can review it.");
      const review = await tx.review.create({
        data: { ...input, userId: ctx.user.id },
        select: publicReviewSelect,
      });
      await enqueue(scoreReviewSentiment, { reviewId: review.id, updatedAt: review.updatedAt.toISOString() }, { tx });
      return toPublicReview(review, ctx.user);
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new ConflictError("ALREADY_REVIEWED", "You have already reviewed this product; edit your review instead.");
    if (isForeignKeyViolation(error))
      throw new NotFoundError("PRODUCT_NOT_FOUND", "This product does not exist.", { field: "productId" });
    throw error;
  }
}

export async function updateReview(ctx: UserCtx, input: UpdateReviewInput) {
  const { reviewId, ...fields } = input;
  return ctx.db.$transaction(async (tx) => {
    await requireReviewAuthor(tx, ctx.user, reviewId);
    const review = await tx.review.update({
      where: { id: reviewId },
      data: { ...fields, sentiment: null },
      select: publicReviewSelect,
    });
    await enqueue(scoreReviewSentiment, { reviewId, updatedAt: review.updatedAt.toISOString() }, { tx });
    return toPublicReview(review, ctx.user);
  });
}

export async function deleteReview(ctx: UserCtx, reviewId: string) {
  await ctx.db.$transaction(async (tx) => {
    await requireReviewAuthor(tx, ctx.user, reviewId);
    await tx.review.delete({ where: { id: reviewId } });
  });
  return { reviewId };
}
