import { TRPCError } from "@trpc/server";
import type { Metadata, Route } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatMoney } from "~/app/_components/catalog/money";
import { ProductImage } from "~/app/_components/catalog/product-image";
import { getCachedProduct } from "~/app/_lib/catalog-cache";
import { getCurrentUser } from "~/app/_lib/session";
import { REVIEWS_PAGE_SIZE } from "~/server/reviews/reviews.schemas";
import { api, HydrateClient } from "~/app/_trpc/server";
import { ProductBuyBox } from "./product-buy-box";
import { ProductReviews } from "./product-reviews";

interface ProductPageProps {
  params: Promise<{ slug: string }>;
}

/** The product, or the 404 page for unknown, unsold and malformed slugs. */
async function loadProduct(slug: string) {
  try {
    return await getCachedProduct(slug);
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: ProductPageProps): Promise<Metadata> {
  const product = await loadProduct((await params).slug);
  return { title: product.name, description: product.description.slice(0, 160) };
}

export default async function ProductPage({ params }: ProductPageProps) {
  const { slug } = await params;
  const [product, user] = await Promise.all([loadProduct(slug), getCurrentUser()]);
  // Awaited (they are quick) so the reviews are in the server's HTML, not loaded after it.
  await Promise.all([
    api.reviews.summary.prefetch({ productId: product.id }),
    api.reviews.list.prefetchInfinite({ productId: product.id, limit: REVIEWS_PAGE_SIZE }),
    user && api.reviews.eligibility.prefetch({ productId: product.id }),
  ]);
  const categoryHref = `/products?category=${encodeURIComponent(product.category.slug)}` as Route;

  return (
    <div className="mx-auto grid w-full max-w-6xl gap-10 px-4 py-8 sm:px-6 sm:py-10">
      <nav aria-label="Breadcrumb" className="text-sm text-muted-foreground">
        <ol className="flex flex-wrap items-center gap-1.5">
          <li>
            <Link href="/products" className="hover:text-foreground">
              Shop
            </Link>
          </li>
          <li aria-hidden>/</li>
          <li>
            <Link href={categoryHref} className="hover:text-foreground">
              {product.category.name}
            </Link>
          </li>
        </ol>
      </nav>

      <div className="grid gap-8 md:grid-cols-2 md:gap-10">
        <ProductImage
          src={product.imageUrl}
          alt={product.name}
          priority
          sizes="(min-width: 768px) 50vw, 100vw"
          className="rounded-xl border"
        />
        <div className="grid content-start gap-5">
          <ProductBuyBox
            price={formatMoney(product.price)}
            product={{
              productId: product.id,
              slug: product.slug,
              name: product.name,
              price: product.price,
              imageUrl: product.imageUrl,
              stock: product.stock,
            }}
          >
            <h1 className="text-3xl font-semibold tracking-tight text-balance">{product.name}</h1>
          </ProductBuyBox>
          <div className="grid gap-2">
            <h2 className="font-semibold">About this product</h2>
            <p className="text-pretty whitespace-pre-line text-muted-foreground">{product.description}</p>
          </div>
        </div>
      </div>

      <HydrateClient>
        <ProductReviews
          productId={product.id}
          viewerId={user?.id ?? null}
          signInHref={`/sign-in?callbackUrl=${encodeURIComponent(`/products/${product.slug}`)}`}
        />
      </HydrateClient>
    </div>
  );
}
