import type { Metadata } from "next";
import { Suspense } from "react";
import { getCachedCategoryStats } from "~/app/_lib/catalog-cache";
import { api, HydrateClient } from "~/app/_trpc/server";
import { listProductsInput } from "~/server/catalog/catalog.schemas";
import { filtersFrom, listInputOf } from "./catalog-filters";
import { ProductBrowser } from "./product-browser";

export const metadata: Metadata = {
  title: "Shop",
  description: "Search and browse every product in the Shopwise catalog.",
};

interface ProductsPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function ProductsPage({ searchParams }: ProductsPageProps) {
  const input = listInputOf(filtersFrom(await searchParams));
  // The first page is in the server's HTML (awaited, so the hook finds it on the server render
  // too); input the API would refuse is left to the browser, which shows the message at the field.
  const [stats] = await Promise.all([
    getCachedCategoryStats(),
    listProductsInput.safeParse(input).success && api.catalog.products.prefetchInfinite(input),
  ]);
  const categories = stats
    .filter((c) => c.activeCount > 0)
    .map(({ slug, name, activeCount }) => ({ slug, name, activeCount }));

  return (
    <div className="mx-auto grid w-full max-w-6xl gap-6 px-4 py-8 sm:px-6 sm:py-10">
      <div className="grid gap-1">
        <h1 className="text-3xl font-semibold tracking-tight">Shop</h1>
        <p className="text-muted-foreground">Search the whole catalog, or narrow it down by category and price.</p>
      </div>
      <HydrateClient>
        <Suspense>
          <ProductBrowser categories={categories} />
        </Suspense>
      </HydrateClient>
    </div>
  );
}
