"use client";

import { createContext, use, useMemo, useSyncExternalStore } from "react";
import { toCents } from "~/app/_components/catalog/money";
import { MAX_LINES, maxQuantityOf, readCart, serverCart, subscribeCart, writeCart, type CartLine } from "./cart-store";

export type CartProduct = Omit<CartLine, "quantity">;

interface CartValue {
  lines: readonly CartLine[];
  /** Items in the cart (sum of quantities). */
  count: number;
  subtotalCents: number;
  /** Adds `quantity`, capped at the stock; "full" when the cart holds the most products an order may. */
  add: (product: CartProduct, quantity: number) => "added" | "capped" | "full";
  setQuantity: (productId: string, quantity: number) => void;
  /** Replaces what the cart knows of the product at `slug` (id, price, stock…) with current data. */
  refresh: (slug: string, product: CartProduct) => void;
  remove: (productId: string) => void;
  clear: () => void;
}

const CartContext = createContext<CartValue | null>(null);

export function CartProvider({ children }: { children: React.ReactNode }) {
  // The server has no cart: it renders empty, and the browser fills it in after hydration.
  const lines = useSyncExternalStore(subscribeCart, readCart, serverCart);

  const value = useMemo<CartValue>(() => {
    const update = (change: (current: readonly CartLine[]) => readonly CartLine[]) => writeCart(change(readCart()));
    return {
      lines,
      count: lines.reduce((sum, l) => sum + l.quantity, 0),
      subtotalCents: lines.reduce((sum, l) => sum + toCents(l.price) * l.quantity, 0),
      add(product, quantity) {
        const current = readCart();
        const existing = current.find((l) => l.productId === product.productId);
        if (!existing && current.length >= MAX_LINES) return "full";
        const max = maxQuantityOf(product);
        const wanted = (existing?.quantity ?? 0) + quantity;
        const next = { ...product, quantity: Math.min(wanted, max) };
        writeCart(existing ? current.map((l) => (l.productId === product.productId ? next : l)) : [...current, next]);
        return wanted > max ? "capped" : "added";
      },
      setQuantity(productId, quantity) {
        update((current) =>
          current.map((l) =>
            l.productId === productId ? { ...l, quantity: Math.max(1, Math.min(quantity, maxQuantityOf(l))) } : l,
          ),
        );
      },
      refresh(slug, product) {
        update((current) =>
          current.map((l) =>
            // The quantity stays as chosen: if it is now more than the stock, the cart says so.
            l.slug === slug ? { ...product, quantity: l.quantity } : l,
          ),
        );
      },
      remove(productId) {
        update((current) => current.filter((l) => l.productId !== productId));
      },
      clear() {
        writeCart([]);
      },
    };
  }, [lines]);

  return <CartContext value={value}>{children}</CartContext>;
}

export function useCart(): CartValue {
  const cart = use(CartContext);
  if (!cart) throw new Error("useCart needs <CartProvider> (app/layout.tsx)");
  return cart;
}
