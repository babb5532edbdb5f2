import type { Route } from "next";
import Link from "next/link";
import { formatMoney } from "./money";
import { ProductImage } from "./product-image";
import { StockBadge } from "./stock-badge";

export interface ProductCardProduct {
  slug: string;
  name: string;
  price: string;
  stock: number;
  imageUrl: string | null;
  category: { name: string };
}

/** A product in a grid: the whole card is one link, named by the product. */
export function ProductCard({ product }: { product: ProductCardProduct }) {
  return (
    <article className="group relative flex h-full flex-col gap-3 rounded-xl border bg-card p-3 shadow-sm transition-shadow focus-within:ring-2 focus-within:ring-ring hover:shadow-md">
      <ProductImage src={product.imageUrl} alt={product.name} />
      <div className="grid flex-1 content-start gap-1">
        <p className="text-xs text-muted-foreground">{product.category.name}</p>
        <h3 className="line-clamp-2 text-sm leading-snug font-medium">
          <Link
            href={`/products/${product.slug}` as Route}
            className="outline-none after:absolute after:inset-0 after:rounded-xl group-hover:underline"
          >
            {product.name}
          </Link>
        </h3>
      </div>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="font-semibold tabular-nums">{formatMoney(product.price)}</span>
        <StockBadge stock={product.stock} />
      </div>
    </article>
  );
}
