"use client";

import { ShoppingCart } from "lucide-react";
import type { Route } from "next";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { ApiErrorAlert } from "~/app/_components/api-error-alert";
import { useHydrated } from "~/app/_components/catalog/local-time";
import { formatCents } from "~/app/_components/catalog/money";
import { Alert } from "~/app/_components/ui/alert";
import { Button } from "~/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "~/app/_components/ui/card";
import type { ApiError } from "~/app/_lib/api-errors";
import { api } from "~/app/_trpc/react";
import { CartLineItem } from "./cart-line-item";
import { useCart } from "./cart-provider";
import type { CartLine } from "./cart-store";
import { checkoutKeyFor, forgetCheckoutKey } from "./checkout-key";
import { useFreshCartLines } from "./use-fresh-cart-lines";

const SIGN_IN_FOR_CHECKOUT = "/sign-in?callbackUrl=%2Fcart" as Route;

export function CartView({ signedIn }: { signedIn: boolean }) {
  const hydrated = useHydrated();
  const cart = useCart();
  const router = useRouter();
  const utils = api.useUtils();
  const fresh = useFreshCartLines();
  const checkout = api.orders.create.useMutation({
    onSuccess: async (order) => {
      forgetCheckoutKey();
      cart.clear();
      await utils.orders.list.invalidate();
      router.push(`/orders/${order.id}` as Route);
    },
    onError: (error) => {
      if (error.data?.code === "UNAUTHORIZED") router.push(SIGN_IN_FOR_CHECKOUT);
      // Stock or availability changed since the cart looked: show the lines as they are now.
      else if (error.data?.code === "CONFLICT" || error.data?.code === "NOT_FOUND") void fresh.recheck();
    },
  });

  if (checkout.isSuccess)
    return (
      <Alert tone="success" title="Order placed.">
        Opening your order…
      </Alert>
    );
  if (!hydrated)
    return <Card aria-busy="true" aria-label="Loading your cart" className="h-56 animate-pulse bg-muted" />;
  if (cart.lines.length === 0) return <EmptyCart />;

  const problemLine = lineNamedIn(checkout.error, cart.lines);
  // Whatever the server said was about the cart as it was; a change makes it stale.
  const change = (apply: () => void) => {
    checkout.reset();
    apply();
  };

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem] lg:items-start">
      <Card aria-labelledby="cart-lines-heading">
        <CardHeader>
          <CardTitle id="cart-lines-heading">{cart.count === 1 ? "1 item" : `${cart.count} items`}</CardTitle>
        </CardHeader>
        <CardContent className="pt-2">
          <ul aria-label="Cart items" aria-busy={fresh.checking} className="divide-y">
            {cart.lines.map((line) => (
              <CartLineItem
                key={line.productId}
                line={line}
                problem={
                  problemLine === line && checkout.error ? checkout.error.message : fresh.problems.get(line.productId)
                }
                disabled={checkout.isPending}
                onQuantityChange={(quantity) => change(() => cart.setQuantity(line.productId, quantity))}
                onRemove={() => change(() => cart.remove(line.productId))}
              />
            ))}
          </ul>
        </CardContent>
      </Card>

      <Card aria-labelledby="cart-summary-heading" className="lg:sticky lg:top-24">
        <CardHeader>
          <CardTitle id="cart-summary-heading">Summary</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-4">
          <dl className="flex items-baseline justify-between gap-3">
            <dt className="text-muted-foreground">Subtotal</dt>
            <dd className="text-xl font-semibold tabular-nums">{formatCents(cart.subtotalCents)}</dd>
          </dl>
          <p className="text-xs text-muted-foreground">
            Prices and stock are confirmed when you check out. You pay on the next page.
          </p>
          {checkout.error && !problemLine && checkout.error.data?.code !== "UNAUTHORIZED" && (
            <ApiErrorAlert error={checkout.error} />
          )}
          {fresh.problems.size > 0 && !checkout.error && (
            <p className="text-sm text-destructive">Remove the items marked in your cart to check out.</p>
          )}
          {signedIn ? (
            <Button
              size="lg"
              disabled={checkout.isPending || fresh.loading || fresh.problems.size > 0}
              onClick={() => {
                const lines = cart.lines.map(({ productId, quantity }) => ({ productId, quantity }));
                checkout.mutate({ idempotencyKey: checkoutKeyFor(lines), lines });
              }}
            >
              {checkout.isPending
                ? "Placing your order…"
                : fresh.loading
                  ? "Checking stock…"
                  : checkout.error
                    ? "Try again"
                    : "Check out"}
            </Button>
          ) : (
            <>
              <Button asChild size="lg">
                <Link href={SIGN_IN_FOR_CHECKOUT}>Check out</Link>
              </Button>
              <p className="text-xs text-muted-foreground">You will sign in first; your cart stays as it is.</p>
            </>
          )}
          <Link href="/products" className="text-center text-sm text-primary underline-offset-4 hover:underline">
            Continue shopping
          </Link>
        </CardContent>
      </Card>
    </div>
  );
}

/** The line a checkout refusal is about (out of stock, over the per-product limit): the one its details name. */
function lineNamedIn(error: ApiError | null, lines: readonly CartLine[]): CartLine | undefined {
  const productId = error?.data?.details?.productId;
  return typeof productId === "string" ? lines.find((line) => line.productId === productId) : undefined;
}

function EmptyCart() {
  return (
    <Card>
      <CardContent className="grid justify-items-center gap-3 py-14 text-center">
        <ShoppingCart aria-hidden className="size-10 text-muted-foreground" />
        <h2 className="text-lg font-semibold">Your cart is empty</h2>
        <p className="max-w-sm text-sm text-muted-foreground">
          Find something you like and choose “Add to cart”. Your cart is kept on this device.
        </p>
        <Button asChild>
          <Link href="/products">Browse products</Link>
        </Button>
      </CardContent>
    </Card>
  );
}
