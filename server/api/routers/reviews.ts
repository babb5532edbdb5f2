import {
  createReviewInput,
  listProductReviewsInput,
  productIdInput,
  reviewIdInput,
  updateReviewInput,
} from "../../reviews/reviews.schemas";
import {
  createReview,
  deleteReview,
  listProductReviews,
  reviewEligibility,
  reviewSummary,
  updateReview,
} from "../../reviews/reviews.service";
import { createTRPCRouter, protectedProcedure, publicProcedure } from "../trpc";

export const reviewsRouter = createTRPCRouter({
  list: publicProcedure.input(listProductReviewsInput).query(({ ctx, input }) => listProductReviews(ctx, input)),
  summary: publicProcedure.input(productIdInput).query(({ ctx, input }) => reviewSummary(ctx.db, input.productId)),
  /** May the caller review this product, and their review if they wrote one. */
  eligibility: protectedProcedure
    .input(productIdInput)
    .query(({ ctx, input }) => reviewEligibility(ctx, input.productId)),
  create: protectedProcedure.input(createReviewInput).mutation(({ ctx, input }) => createReview(ctx, input)),
  update: protectedProcedure
    .meta({ ownerScoped: "owner-only" })
    .input(updateReviewInput)
    .mutation(({ ctx, input }) => updateReview(ctx, input)),
  delete: protectedProcedure
    .meta({ ownerScoped: "owner-only" })
    .input(reviewIdInput)
    .mutation(({ ctx, input }) => deleteReview(ctx, input.reviewId)),
});
