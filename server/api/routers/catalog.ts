import { listProductsInput, productBySlugInput } from "../../catalog/catalog.schemas";
import { listCategoryStats, listProducts, requireProductBySlug } from "../../catalog/catalog.service";
import { createTRPCRouter, publicProcedure } from "../trpc";

export const catalogRouter = createTRPCRouter({
  products: publicProcedure.input(listProductsInput).query(({ ctx, input }) => listProducts(ctx, input)),
  productBySlug: publicProcedure
    .input(productBySlugInput)
    .query(({ ctx, input }) => requireProductBySlug(ctx, input.slug)),
  categories: publicProcedure.query(({ ctx }) => listCategoryStats(ctx)),
});
