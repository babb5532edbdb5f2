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
  list: publicProcedure
    .meta({ scope: "catalog:read" })
    .input(listProductReviewsInput)
    .query(({ ctx, input }) => listProductReviews(ctx, input)),
  summary: publicProcedure
    .meta({ scope: "catalog:read" })
    .input(productIdInput)
    .query(({ ctx, input }) => reviewSummary(ctx.db, input.productId)),
  /** May the caller review this product, and their review if they wrote one. */
  eligibility: protectedProcedure
    .meta({ scope: "reviews:write" })
    .input(productIdInput)
    .query(({ ctx, input }) => reviewEligibility(ctx, input.productId)),
  create: protectedProcedure
    .meta({ scope: "reviews:write" })
    .input(createReviewInput)
    .mutation(({ ctx, input }) => createReview(ctx, input)),
  update: protectedProcedure
    .meta({ ownerScoped: "owner-only", scope: "reviews:write" })
    .input(updateReviewInput)
    .mutation(({ ctx, input }) => updateReview(ctx, input)),
  delete: protectedProcedure
    .meta({ ownerScoped: "owner-only", scope: "reviews:write" })
    .input(reviewIdInput)
    .mutation(({ ctx, input }) => deleteReview(ctx, input.reviewId)),
});
