import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireCurrentUser } from "~/app/_lib/session";
import { api } from "~/app/_trpc/server";
import { orderReference } from "../order-status";
import { OrderDetails } from "./order-details";

interface OrderPageProps {
  params: Promise<{ id: string }>;
}

export async function generateMetadata({ params }: OrderPageProps): Promise<Metadata> {
  return { title: `Order ${orderReference((await params).id)}`, robots: { index: false } };
}

export default async function OrderPage({ params }: OrderPageProps) {
  const { id } = await params;
  await requireCurrentUser(`/orders/${encodeURIComponent(id)}`);
  const order = await api.orders.byId({ orderId: id }).catch((error: unknown) => {
    // Someone else's order is NOT_FOUND too: the API does not tell whether it exists.
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  });

  return (
    <div className="mx-auto grid w-full max-w-5xl gap-6 px-4 py-8 sm:px-6 sm:py-10">
      <OrderDetails initialOrder={order} />
    </div>
  );
}
