"use client";

import { useState } from "react";
import type { CartProduct } from "~/app/_components/cart/cart-provider";
import { StockBadge } from "~/app/_components/catalog/stock-badge";
import { api } from "~/app/_trpc/react";
import { AddToCart } from "./add-to-cart";

/**
 * The product's price, stock and "Add to cart", with the stock live: a sale elsewhere, a restock or
 * the product being withdrawn shows at once (one subscription for the badge and the form).
 */
export function ProductBuyBox({
  product,
  price,
  children,
}: {
  product: CartProduct;
  /** The formatted price, as the page rendered it. */
  price: string;
  /** The heading above the price. */
  children: React.ReactNode;
}) {
  const [stock, setStock] = useState(product.stock);
  const utils = api.useUtils();
  api.catalog.stockLive.useSubscription(
    { productIds: [product.productId] },
    {
      // The page may have been rendered from the cache a moment ago: read the stock once the
      // stream is open, so a sale in between is not missed.
      onStarted: () =>
        void utils.catalog.productBySlug.fetch({ slug: product.slug }, { staleTime: 0 }).then(
          (p) => setStock(p.stock),
          () => {},
        ),
      onData: ({ data }) => "data" in data && setStock(data.data.active ? data.data.stock : 0),
    },
  );

  return (
    <>
      <div className="grid gap-2">
        {children}
        <div className="flex flex-wrap items-center gap-3">
          <p className="text-2xl font-semibold tabular-nums">
            <span className="sr-only">Price: </span>
            {price}
          </p>
          <span role="status" aria-label="Availability">
            <StockBadge stock={stock} />
          </span>
        </div>
      </div>
      <AddToCart product={{ ...product, stock }} />
    </>
  );
}
