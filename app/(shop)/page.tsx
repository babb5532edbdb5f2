import { ArrowRight, MessageSquareText, Search, ShieldCheck, Smartphone, Sparkles } from "lucide-react";
import type { Route } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { formatMoney } from "~/app/_components/catalog/money";
import { Button } from "~/app/_components/ui/button";
import { Card, CardContent } from "~/app/_components/ui/card";
import { Input } from "~/app/_components/ui/input";
import { getCachedCategoryStats } from "~/app/_lib/catalog-cache";

const valueProps = [
  {
    icon: MessageSquareText,
    title: "Answers you can check",
    text: "The shopping assistant answers from real product details and reviews, and shows where every answer came from.",
  },
  {
    icon: ShieldCheck,
    title: "Checkout you can trust",
    text: "Stock is reserved the moment you order, and pressing the button twice never orders twice.",
  },
  {
    icon: Smartphone,
    title: "Made for your phone",
    text: "Every page works on a small screen, in light or dark, following your device unless you choose otherwise.",
  },
];

export default async function HomePage() {
  // Rendered per request: the build has no database to read the categories from.
  await connection();
  const categories = (await getCachedCategoryStats()).filter((c) => c.activeCount > 0);
  const productCount = categories.reduce((sum, c) => sum + c.activeCount, 0);

  return (
    <>
      <section className="border-b bg-gradient-to-b from-accent/60 to-background">
        <div className="mx-auto grid max-w-6xl gap-8 px-4 py-14 sm:px-6 sm:py-20">
          <p className="inline-flex w-fit items-center gap-2 rounded-full border bg-card px-3 py-1 text-sm text-muted-foreground">
            <Sparkles aria-hidden className="size-4 text-primary" />
            AI shopping assistant coming soon
          </p>
          <div className="grid max-w-3xl gap-5">
            <h1 className="text-4xl font-semibold tracking-tight text-balance sm:text-6xl">
              Find the right thing, without the guesswork.
            </h1>
            <p className="text-lg text-pretty text-muted-foreground sm:text-xl">
              {productCount > 0
                ? `Search ${productCount.toLocaleString("en-US")} products in ${categories.length} categories, with honest stock and reviews from real buyers.`
                : "A storefront with honest stock, reviews from real buyers and a shopping assistant on the way."}
            </p>
          </div>
          {/* A plain GET form: it searches even before (or without) JavaScript. */}
          <form role="search" action="/products" className="flex max-w-2xl gap-2">
            <label htmlFor="home-search" className="sr-only">
              Search products
            </label>
            <div className="relative min-w-0 flex-1">
              <Search
                aria-hidden
                className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground"
              />
              <Input
                id="home-search"
                type="search"
                name="q"
                maxLength={100}
                placeholder="What are you looking for?"
                enterKeyHint="search"
                className="h-12 pl-9 sm:h-12"
              />
            </div>
            <Button type="submit" size="lg">
              Search
            </Button>
          </form>
        </div>
      </section>

      <section aria-labelledby="categories-heading" className="mx-auto w-full max-w-6xl px-4 py-14 sm:px-6">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <h2 id="categories-heading" className="text-2xl font-semibold tracking-tight sm:text-3xl">
            Shop by category
          </h2>
          <Link
            href="/products"
            className="inline-flex items-center gap-1 text-sm font-medium text-primary hover:underline"
          >
            All products <ArrowRight aria-hidden className="size-4" />
          </Link>
        </div>
        {categories.length === 0 ? (
          <p className="mt-6 text-muted-foreground">The shelves are being stocked. Check back in a moment.</p>
        ) : (
          <ul className="mt-6 grid grid-cols-1 gap-3 min-[420px]:grid-cols-2 md:grid-cols-3 lg:grid-cols-4">
            {categories.map((category) => (
              <li key={category.id}>
                <Link
                  href={`/products?category=${encodeURIComponent(category.slug)}` as Route}
                  className="grid h-full gap-1 rounded-xl border bg-card p-4 shadow-sm transition-colors hover:border-primary/50 hover:bg-accent/40"
                >
                  <span className="font-medium">{category.name}</span>
                  <span className="text-sm text-muted-foreground">
                    {category.activeCount === 1 ? "1 product" : `${category.activeCount} products`}
                    {category.averagePrice && ` · avg ${formatMoney(category.averagePrice)}`}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="why-heading" className="border-t bg-muted/50">
        <div className="mx-auto w-full max-w-6xl px-4 py-14 sm:px-6">
          <h2 id="why-heading" className="text-2xl font-semibold tracking-tight sm:text-3xl">
            Why shop with Shopwise
          </h2>
          <ul className="mt-8 grid gap-4 md:grid-cols-3">
            {valueProps.map(({ icon: Icon, title, text }) => (
              <li key={title}>
                <Card className="h-full">
                  <CardContent className="grid gap-3">
                    <span className="grid size-10 place-items-center rounded-lg bg-accent text-accent-foreground">
                      <Icon aria-hidden className="size-5" />
                    </span>
                    <h3 className="font-semibold">{title}</h3>
                    <p className="text-sm text-muted-foreground">{text}</p>
                  </CardContent>
                </Card>
              </li>
            ))}
          </ul>
        </div>
      </section>
    </>
  );
}
