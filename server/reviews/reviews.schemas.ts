import { z } from "zod";
import { cursorPageInput, idInput, nextCursorOutput, text, textOutput, timeOutput } from "../inputs";

const reviewFields = {
  rating: z
    .number({ error: "Choose 1 to 5 stars." })
    .int()
    .min(1, { error: "Choose 1 to 5 stars." })
    .max(5, { error: "Choose 1 to 5 stars." }),
  title: text({ max: 120 }).min(3, { error: "Use at least 3 characters." }),
  body: text({ max: 5000 }).min(10, { error: "Use at least 10 characters." }),
};

export const createReviewInput = z.strictObject({ productId: idInput, ...reviewFields });
export type CreateReviewInput = z.infer<typeof createReviewInput>;

export const updateReviewInput = z.strictObject({ reviewId: idInput, ...reviewFields });
export type UpdateReviewInput = z.infer<typeof updateReviewInput>;

export const reviewIdInput = z.strictObject({ reviewId: idInput });

export const productIdInput = z.strictObject({ productId: idInput });

export const listProductReviewsInput = cursorPageInput({ defaultLimit: 10, maxLimit: 50 }).extend(productIdInput.shape);

export const publicReviewSelect = {
  id: true,
  productId: true,
  userId: true,
  rating: true,
  title: true,
  body: true,
  sentiment: true,
  createdAt: true,
  updatedAt: true,
  user: { select: { name: true } },
} as const;

/** A review as anyone sees it (the author's name, never their id); `mine` for the viewer's own. */
export const publicReviewOutput = z.object({
  id: textOutput,
  productId: textOutput,
  rating: z.number().int(),
  title: textOutput,
  body: textOutput,
  /** -1 (negative) … 1 (positive); null until the sentiment job has run. */
  sentiment: z.number().nullable(),
  createdAt: timeOutput,
  updatedAt: timeOutput,
  authorName: textOutput,
  mine: z.boolean(),
});

export const reviewListOutput = z.object({ items: z.array(publicReviewOutput), nextCursor: nextCursorOutput });

export const reviewSummaryOutput = z.object({
  count: z.number().int(),
  average: z.number().nullable(),
  sentiment: z.number().nullable(),
  /** Counts of 1 to 5 stars. */
  stars: z.array(z.number().int()),
});

export const reviewIdOutput = z.object({ reviewId: textOutput });

/** May the caller review this product, and their own review (hidden or not) if they wrote one. */
export const reviewEligibilityOutput = z.object({
  canReview: z.boolean(),
  mine: publicReviewOutput
    .omit({ authorName: true, mine: true })
    .extend({ userId: textOutput, user: z.object({ name: textOutput.nullable() }), hidden: z.boolean() })
    .nullable(),
});

/** Reviews per page on a product page (the page prefetches the first). Here, not in the client component: a server page importing a constant from a
 * "use client" module gets a client reference, not the number. */
export const REVIEWS_PAGE_SIZE = 5;
