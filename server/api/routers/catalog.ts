import { z } from "zod";
import {
  categoryStatsOutput,
  listProductsInput,
  productBySlugInput,
  productListOutput,
  publicProductOutput,
} from "../../catalog/catalog.schemas";
import { listCategoryStats, listProducts, requireProductBySlug } from "../../catalog/catalog.service";
import { watchStock } from "../../catalog/product-changes";
import { idInput } from "../../inputs";
import { liveInputShape } from "../../realtime/live";
import { cachedOutput } from "../cached-output";
import { createTRPCRouter, publicProcedure } from "../trpc";

export const catalogRouter = createTRPCRouter({
  /** Stock and availability of up to 50 products as they change (product pages, open carts). */
  stockLive: publicProcedure
    .meta({ scope: "catalog:read" })
    .input(z.strictObject({ productIds: z.array(idInput).min(1).max(50), ...liveInputShape }))
    .subscription(({ ctx, input, signal }) =>
      watchStock(ctx, input.productIds, { lastEventId: input.lastEventId, signal }),
    ),
  products: publicProcedure
    .meta({
      scope: "catalog:read",
      openapi: {
        method: "GET",
        path: "/products",
        tags: ["Catalog"],
        summary: "List and search active products",
        protect: false,
      },
    })
    .input(listProductsInput)
    .output(cachedOutput(productListOutput))
    .query(({ ctx, input }) => listProducts(ctx, input)),
  productBySlug: publicProcedure
    .meta({
      scope: "catalog:read",
      openapi: {
        method: "GET",
        path: "/products/{slug}",
        tags: ["Catalog"],
        summary: "One active product by its slug",
        protect: false,
      },
    })
    .input(productBySlugInput)
    .output(cachedOutput(publicProductOutput))
    .query(({ ctx, input }) => requireProductBySlug(ctx, input.slug)),
  categories: publicProcedure
    .meta({
      scope: "catalog:read",
      openapi: {
        method: "GET",
        path: "/categories",
        tags: ["Catalog"],
        summary: "Categories with product counts",
        protect: false,
      },
    })
    .output(cachedOutput(z.array(categoryStatsOutput)))
    .query(({ ctx }) => listCategoryStats(ctx)),
});
