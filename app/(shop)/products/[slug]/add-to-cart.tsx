"use client";

import { ShoppingCart } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { useCart, type CartProduct } from "~/app/_components/cart/cart-provider";
import { maxQuantityOf } from "~/app/_components/cart/cart-store";
import { QuantityStepper } from "~/app/_components/catalog/quantity-stepper";
import { Alert } from "~/app/_components/ui/alert";
import { Button } from "~/app/_components/ui/button";
import { Label } from "~/app/_components/ui/label";

type Outcome = { kind: "added" | "capped" | "full"; quantity: number } | null;

export function AddToCart({ product }: { product: CartProduct }) {
  const cart = useCart();
  const [quantity, setQuantity] = useState(1);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const inCart = cart.lines.find((l) => l.productId === product.productId)?.quantity ?? 0;
  const max = maxQuantityOf(product);

  if (product.stock <= 0)
    return (
      <Alert title="Out of stock">
        This product is sold out for now.{" "}
        <Link href="/products" className="font-medium underline underline-offset-4">
          Browse other products
        </Link>
        .
      </Alert>
    );

  return (
    <form
      className="grid gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        setOutcome({ kind: cart.add(product, quantity), quantity });
        setQuantity(1);
      }}
    >
      <div className="flex flex-wrap items-end gap-3">
        <div className="grid gap-2">
          <Label htmlFor="add-quantity">Quantity</Label>
          <QuantityStepper id="add-quantity" value={quantity} max={max} onChange={setQuantity} />
        </div>
        <Button type="submit" size="lg" className="flex-1 sm:flex-none">
          <ShoppingCart aria-hidden />
          Add to cart
        </Button>
      </div>
      {outcome && <AddedMessage outcome={outcome} inCart={inCart} max={max} />}
      {!outcome && inCart > 0 && (
        <p className="text-sm text-muted-foreground">
          {inCart} already in your cart.{" "}
          <Link href="/cart" className="font-medium text-primary underline-offset-4 hover:underline">
            View cart
          </Link>
        </p>
      )}
    </form>
  );
}

function AddedMessage({ outcome, inCart, max }: { outcome: NonNullable<Outcome>; inCart: number; max: number }) {
  const viewCart = (
    <Link href="/cart" className="font-medium underline underline-offset-4">
      View cart
    </Link>
  );
  if (outcome.kind === "full")
    return (
      <Alert tone="error">
        Your cart holds the most different products one order can. Check out or remove something first. {viewCart}
      </Alert>
    );
  return (
    <Alert tone="success">
      {outcome.kind === "capped"
        ? `Your cart now has ${inCart}, the most you can order (${max}).`
        : `Added ${outcome.quantity} to your cart (${inCart} in total).`}{" "}
      {viewCart}
    </Alert>
  );
}
