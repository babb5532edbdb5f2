import "server-only";
import { z } from "zod";
import { db } from "../db/client";
import { scoreSentiment } from "../reviews/sentiment-pool";
import { defineJob } from "./queue";

/**
 * Scores a review's sentiment off the request path, in the worker-thread pool. Idempotent: it
 * scores the review as it is now, and skips an edit that raced ahead (the edit enqueued its own).
 */
export const scoreReviewSentiment = defineJob({
  name: "reviews.score-sentiment",
  schema: z.object({ reviewId: z.string().min(1), updatedAt: z.iso.datetime() }),
  queue: { retryLimit: 3, retryDelay: 5, retryBackoff: true, expireInSeconds: 60 },
  async handle({ reviewId, updatedAt }, { log }) {
    const review = await db.review.findUnique({ where: { id: reviewId }, select: { title: true, body: true } });
    if (!review) return log.info({ reviewId }, "sentiment skipped: review deleted");
    const sentiment = await scoreSentiment(`${review.title}. ${review.body}`);
    // Only the version this job was enqueued for; updatedAt is left alone (a score is not an edit).
    const count = await db.$executeRaw`
      UPDATE "Review" SET sentiment = ${sentiment} WHERE id = ${reviewId} AND "updatedAt" = ${new Date(updatedAt)}`;
    log.info({ reviewId, sentiment, applied: count === 1 }, "review sentiment scored");
  },
});
