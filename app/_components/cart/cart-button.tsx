"use client";

import { ShoppingCart } from "lucide-react";
import Link from "next/link";
import { buttonClasses } from "~/app/_components/ui/button";
import { cn } from "~/app/_lib/cn";
import { useCart } from "./cart-provider";

/** The header's cart link with the number of items in it. */
export function CartButton() {
  const { count } = useCart();
  const label = count === 0 ? "Cart, empty" : `Cart, ${count} ${count === 1 ? "item" : "items"}`;
  return (
    <Link href="/cart" aria-label={label} className={cn(buttonClasses({ variant: "ghost", size: "icon" }), "relative")}>
      <ShoppingCart aria-hidden />
      {count > 0 && (
        <span
          aria-hidden
          className="absolute -top-0.5 -right-0.5 grid h-5 min-w-5 place-items-center rounded-full bg-primary px-1 text-[11px] leading-none font-semibold text-primary-foreground tabular-nums"
        >
          {count > 99 ? "99+" : count}
        </span>
      )}
    </Link>
  );
}
