import { z } from "zod";
import {
  categoryStatsOutput,
  listProductsInput,
  productBySlugInput,
  productListOutput,
  publicProductOutput,
} from "../../catalog/catalog.schemas";
import { listCategoryStats, listProducts, requireProductBySlug } from "../../catalog/catalog.service";
import { createTRPCRouter, publicProcedure } from "../trpc";

export const catalogRouter = createTRPCRouter({
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
    .output(productListOutput)
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
    .output(publicProductOutput)
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
    .output(z.array(categoryStatsOutput))
    .query(({ ctx }) => listCategoryStats(ctx)),
});
