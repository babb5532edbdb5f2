import { z } from "zod";
import { cursorPageInput } from "../api/pagination";

const idInput = z.string().trim().min(1).max(40);

const reviewFields = {
  rating: z
    .number({ error: "Choose 1 to 5 stars." })
    .int()
    .min(1, { error: "Choose 1 to 5 stars." })
    .max(5, { error: "Choose 1 to 5 stars." }),
  title: z
    .string()
    .trim()
    .min(3, { error: "Use at least 3 characters." })
    .max(120, { error: "Use at most 120 characters." }),
  body: z
    .string()
    .trim()
    .min(10, { error: "Use at least 10 characters." })
    .max(5000, { error: "Use at most 5,000 characters." }),
};

export const createReviewInput = z.strictObject({ productId: idInput, ...reviewFields });
export type CreateReviewInput = z.infer<typeof createReviewInput>;

export const updateReviewInput = z.strictObject({ reviewId: idInput, ...reviewFields });
export type UpdateReviewInput = z.infer<typeof updateReviewInput>;

export const reviewIdInput = z.strictObject({ reviewId: idInput });

export const listProductReviewsInput = cursorPageInput({ defaultLimit: 10, maxLimit: 50 }).extend({
  productId: idInput,
});

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
