import type { Metadata } from "next";
import { CartView } from "~/app/_components/cart/cart-view";
import { getCurrentUser } from "~/app/_lib/session";

export const metadata: Metadata = { title: "Your cart", robots: { index: false } };

export default async function CartPage() {
  const user = await getCurrentUser();
  return (
    <div className="mx-auto grid w-full max-w-6xl gap-6 px-4 py-8 sm:px-6 sm:py-10">
      <h1 className="text-3xl font-semibold tracking-tight">Your cart</h1>
      <CartView signedIn={Boolean(user)} />
    </div>
  );
}
