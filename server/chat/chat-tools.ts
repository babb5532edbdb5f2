import "server-only";
import { tool, type InferUITools, type UIDataTypes, type UIMessage } from "ai";
import { z } from "zod";
import type { SessionUser } from "../auth/roles";
import { availabilityOf } from "../catalog/availability";
import { getProductBySlug, listProducts } from "../catalog/catalog.service";
import { listProductsInput } from "../catalog/catalog.schemas";
import type { Db } from "../db/client";
import { searchQueryInput, slugInput } from "../inputs";
import type { Logger } from "../observability/logger";
import { listMyOrders } from "../orders/orders.service";

/**
 * The tools the assistant's model may call: thin wrappers over the catalog and orders services,
 * bound to the caller's identity when they are built, so a tool can only ever see what the
 * caller may see. listMyOrders answers an anonymous caller with "sign in" and no orders.
 */
export interface ToolCtx {
  db: Db;
  log: Logger;
  user: SessionUser | null;
}

export function assistantTools(ctx: ToolCtx) {
  const searchProducts = tool({
    description: "Search Shopwise's products by words, optionally under a maximum price or in stock only.",
    inputSchema: z.strictObject({
      query: searchQueryInput.min(1).describe("Words to search for, e.g. 'waterproof jacket'"),
      maxPrice: z.number().positive().max(99_999_999).optional().describe("Highest price in US dollars"),
      inStockOnly: z.boolean().optional(),
    }),
    execute: async ({ query, maxPrice, inStockOnly }) => {
      const input = listProductsInput.parse({
        q: query,
        limit: 5,
        ...(maxPrice !== undefined && { maxPrice: maxPrice.toFixed(2) }),
        ...(inStockOnly && { inStock: true }),
      });
      const { items, matchedBy } = await listProducts(ctx, input);
      return {
        matchedBy,
        products: items.map((p) => ({
          name: p.name,
          slug: p.slug,
          price: p.price,
          availability: availabilityOf(p.stock),
          category: p.category.name,
          url: `/products/${p.slug}`,
        })),
      };
    },
  });

  const getProduct = tool({
    description: "A product's current price, stock and description, by its slug (from searchProducts).",
    inputSchema: z.strictObject({ slug: slugInput }),
    execute: async ({ slug }) => {
      const product = await getProductBySlug(ctx, slug);
      if (!product) return { found: false as const, slug };
      return {
        found: true as const,
        name: product.name,
        slug: product.slug,
        price: product.price,
        stock: product.stock,
        availability: availabilityOf(product.stock),
        description: product.description.slice(0, 600),
        url: `/products/${product.slug}`,
      };
    },
  });

  const listMyOrdersTool = tool({
    description: "The signed-in shopper's own most recent orders: reference, status, total, items and dates.",
    inputSchema: z.strictObject({ limit: z.number().int().min(1).max(10).optional() }),
    execute: async ({ limit }) => {
      if (!ctx.user) return { signInRequired: true as const, orders: [] };
      const page = await listMyOrders({ ...ctx, user: ctx.user }, { limit: limit ?? 5 });
      return {
        signInRequired: false as const,
        orders: page.items.map((o) => ({
          reference: o.reference,
          status: o.status,
          total: o.total,
          placedAt: o.createdAt.toISOString(),
          items: o.items.map((i) => `${i.quantity} × ${i.productName}`),
          url: `/orders/${o.id}`,
        })),
      };
    },
  });

  return { searchProducts, getProduct, listMyOrders: listMyOrdersTool };
}

export type AssistantTools = ReturnType<typeof assistantTools>;

/** A chat message as the browser holds it, with the tools' typed parts (`tool-searchProducts` …). */
export type AssistantUIMessage = UIMessage<unknown, UIDataTypes, InferUITools<AssistantTools>>;
