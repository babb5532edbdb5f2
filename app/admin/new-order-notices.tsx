"use client";

import { ShoppingBag, X } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { formatMoney } from "~/app/_components/catalog/money";
import { api } from "~/app/_trpc/react";
import { orderReference } from "~/server/orders/orders.schemas";

interface Notice {
  orderId: string;
  total: string;
  itemCount: number;
  customer: string;
}

/** At most this many notices stay on screen; older ones fold into the count. */
const SHOWN = 3;

/**
 * New orders as shoppers place them, on every back-office page: a notice each (announced to screen
 * readers), and the orders table refreshes. Notices stay until dismissed. `since` is the live
 * position when the page was rendered: orders placed while it loaded are announced too.
 */
export function NewOrderNotices({ since }: { since: string }) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const utils = api.useUtils();
  api.admin.orders.live.useSubscription(
    { lastEventId: since },
    {
      onStarted: () => void utils.admin.orders.list.invalidate(),
      onData: ({ data }) => {
        void utils.admin.orders.list.invalidate();
        if ("data" in data) setNotices((current) => [data.data, ...current].slice(0, 50));
      },
    },
  );
  const dismiss = (orderId: string) => setNotices((current) => current.filter((n) => n.orderId !== orderId));

  return (
    <section
      aria-label="New orders"
      aria-live="polite"
      className="pointer-events-none fixed right-4 bottom-4 z-50 grid w-80 max-w-[calc(100vw-2rem)] gap-2"
    >
      {notices.slice(0, SHOWN).map((n) => (
        <div
          key={n.orderId}
          role="status"
          className="pointer-events-auto flex items-start gap-3 rounded-lg border bg-card p-3 text-sm shadow-lg"
        >
          <ShoppingBag aria-hidden className="mt-0.5 size-4 shrink-0 text-primary" />
          <div className="grid min-w-0 flex-1 gap-0.5">
            <p className="font-medium">
              New order {orderReference(n.orderId)} · {formatMoney(n.total)}
            </p>
            <p className="truncate text-muted-foreground">
              {n.itemCount === 1 ? "1 item" : `${n.itemCount} items`} from {n.customer}
            </p>
            <Link href="/admin/orders" className="w-fit font-medium text-primary underline-offset-4 hover:underline">
              View orders
            </Link>
          </div>
          <button
            type="button"
            onClick={() => dismiss(n.orderId)}
            aria-label={`Dismiss the notice of order ${orderReference(n.orderId)}`}
            className="rounded p-1 text-muted-foreground hover:text-foreground"
          >
            <X aria-hidden className="size-4" />
          </button>
        </div>
      ))}
      {notices.length > SHOWN && (
        <div className="pointer-events-auto flex items-center justify-between rounded-lg border bg-card px-3 py-2 text-sm shadow-lg">
          <span>{notices.length - SHOWN} more new orders</span>
          <button type="button" onClick={() => setNotices([])} className="font-medium text-primary hover:underline">
            Dismiss all
          </button>
        </div>
      )}
    </section>
  );
}
