import {
  createReviewInput,
  listProductReviewsInput,
  productIdInput,
  publicReviewOutput,
  reviewIdInput,
  reviewEligibilityOutput,
  reviewIdOutput,
  reviewListOutput,
  reviewSummaryOutput,
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
    .meta({
      scope: "catalog:read",
      openapi: {
        method: "GET",
        path: "/products/{productId}/reviews",
        tags: ["Reviews"],
        summary: "Visible reviews of a product, newest first",
        protect: false,
      },
    })
    .input(listProductReviewsInput)
    .output(reviewListOutput)
    .query(({ ctx, input }) => listProductReviews(ctx, input)),
  summary: publicProcedure
    .meta({
      scope: "catalog:read",
      openapi: {
        method: "GET",
        path: "/products/{productId}/reviews/summary",
        tags: ["Reviews"],
        summary: "A product's rating summary",
        protect: false,
      },
    })
    .input(productIdInput)
    .output(reviewSummaryOutput)
    .query(({ ctx, input }) => reviewSummary(ctx.db, input.productId)),
  /** May the caller review this product, and their review if they wrote one. */
  eligibility: protectedProcedure
    .meta({
      scope: "reviews:write",
      openapi: {
        method: "GET",
        path: "/products/{productId}/reviews/eligibility",
        tags: ["Reviews"],
        summary: "May the caller review this product",
        protect: true,
      },
    })
    .input(productIdInput)
    .output(reviewEligibilityOutput)
    .query(({ ctx, input }) => reviewEligibility(ctx, input.productId)),
  create: protectedProcedure
    .meta({
      scope: "reviews:write",
      openapi: {
        method: "POST",
        path: "/reviews",
        tags: ["Reviews"],
        summary: "Review a product you bought",
        protect: true,
      },
    })
    .input(createReviewInput)
    .output(publicReviewOutput)
    .mutation(({ ctx, input }) => createReview(ctx, input)),
  update: protectedProcedure
    .meta({
      ownerScoped: "owner-only",
      scope: "reviews:write",
      openapi: {
        method: "PUT",
        path: "/reviews/{reviewId}",
        tags: ["Reviews"],
        summary: "Rewrite your review",
        protect: true,
      },
    })
    .input(updateReviewInput)
    .output(publicReviewOutput)
    .mutation(({ ctx, input }) => updateReview(ctx, input)),
  delete: protectedProcedure
    .meta({
      ownerScoped: "owner-only",
      scope: "reviews:write",
      openapi: {
        method: "DELETE",
        path: "/reviews/{reviewId}",
        tags: ["Reviews"],
        summary: "Delete your review",
        protect: true,
      },
    })
    .input(reviewIdInput)
    .output(reviewIdOutput)
    .mutation(({ ctx, input }) => deleteReview(ctx, input.reviewId)),
});
