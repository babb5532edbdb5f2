import { listProductsInput, productBySlugInput } from "../../catalog/catalog.schemas";
import { listCategoryStats, listProducts, requireProductBySlug } from "../../catalog/catalog.service";
import { createTRPCRouter, publicProcedure } from "../trpc";

export const catalogRouter = createTRPCRouter({
  products: publicProcedure
    .meta({ scope: "catalog:read" })
    .input(listProductsInput)
    .query(({ ctx, input }) => listProducts(ctx, input)),
  productBySlug: publicProcedure
    .meta({ scope: "catalog:read" })
    .input(productBySlugInput)
    .query(({ ctx, input }) => requireProductBySlug(ctx, input.slug)),
  categories: publicProcedure.meta({ scope: "catalog:read" }).query(({ ctx }) => listCategoryStats(ctx)),
});
