"use client";

import { skipToken } from "@tanstack/react-query";
import { useEffect } from "react";
import { retryTransient } from "~/app/_components/catalog/retry";
import { api } from "~/app/_trpc/react";
import { useCart } from "./cart-provider";

/**
 * The cart remembers products as they were when added. This looks each one up again (one
 * batched request) and writes the current id, price and stock into the cart, so the page shows
 * what checkout will charge; it reports the lines that can no longer be ordered.
 */
export function useFreshCartLines() {
  const cart = useCart();
  const results = api.useQueries((t) =>
    cart.lines.map((line) => t.catalog.productBySlug({ slug: line.slug }, { retry: retryTransient })),
  );
  // A line that sells out (or is withdrawn) while the cart is open is flagged at once: the live
  // stock goes into the lookup above, which writes it into the cart like any other change.
  const utils = api.useUtils();
  const productIds = cart.lines.map((l) => l.productId);
  api.catalog.stockLive.useSubscription(productIds.length ? { productIds } : skipToken, {
    // A new set of lines opens a new stream: look again, for a sale while it connected.
    onStarted: () => void utils.catalog.productBySlug.invalidate(),
    onData: ({ data }) => {
      if (!("data" in data)) return void utils.catalog.productBySlug.invalidate();
      const line = cart.lines.find((l) => l.productId === data.data.productId);
      if (!line) return;
      if (!data.data.active) return void utils.catalog.productBySlug.invalidate({ slug: line.slug });
      utils.catalog.productBySlug.setData({ slug: line.slug }, (old) => old && { ...old, stock: data.data.stock });
    },
  });

  useEffect(() => {
    results.forEach((result, index) => {
      const line = cart.lines[index];
      const product = result.data;
      if (!line || !product || line.slug !== product.slug) return;
      const changed =
        product.id !== line.productId ||
        product.price !== line.price ||
        product.stock !== line.stock ||
        product.name !== line.name ||
        product.imageUrl !== line.imageUrl;
      if (changed)
        cart.refresh(line.slug, {
          productId: product.id,
          slug: product.slug,
          name: product.name,
          price: product.price,
          imageUrl: product.imageUrl,
          stock: product.stock,
        });
    });
  }, [results, cart]);

  const problems = new Map<string, string>();
  cart.lines.forEach((line, index) => {
    const code = results[index]?.error?.data?.code;
    if (code === "NOT_FOUND" || code === "BAD_REQUEST")
      problems.set(line.productId, "This product is no longer sold; remove it to continue.");
    else if (results[index]?.data && line.stock <= 0)
      problems.set(line.productId, "Out of stock now; remove it to continue.");
    else if (results[index]?.data && line.quantity > line.stock)
      problems.set(line.productId, `Only ${line.stock} left; lower the quantity to continue.`);
  });

  return {
    /** productId → why that line cannot be ordered. */
    problems,
    /** True until every product was looked up once (checkout waits for it). */
    loading: results.some((r) => r.isPending),
    /** True while the products are being looked up. */
    checking: results.some((r) => r.isFetching),
    /** Look again (after checkout said the stock changed). */
    recheck: () => Promise.all(results.map((r) => r.refetch())),
  };
}
