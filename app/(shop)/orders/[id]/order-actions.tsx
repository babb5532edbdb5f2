"use client";

import { CreditCard } from "lucide-react";
import { useEffect, useState } from "react";
import { ApiErrorAlert } from "~/app/_components/api-error-alert";
import { ConfirmAction } from "~/app/_components/ui/confirm-action";
import { LocalTime, useHydrated } from "~/app/_components/catalog/local-time";
import { Alert } from "~/app/_components/ui/alert";
import { Button } from "~/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/app/_components/ui/card";
import { api } from "~/app/_trpc/react";
import type { Order } from "../order-status";

/** Pay (test mode) and cancel, with the payment deadline; nothing for settled orders. */
export function OrderActions({ order }: { order: Order }) {
  const utils = api.useUtils();
  const [notice, setNotice] = useState<string | null>(null);
  const onSuccess = (message: string) => async (updated: Order) => {
    utils.orders.byId.setData({ orderId: order.id }, updated);
    setNotice(message);
    await utils.orders.list.invalidate();
  };
  // A conflict means the order changed elsewhere (expired, paid in another tab): show it as it is.
  const onError = () => void utils.orders.byId.invalidate({ orderId: order.id });
  const pay = api.orders.pay.useMutation({ onSuccess: onSuccess("Payment received. Thank you!"), onError });
  const cancel = api.orders.cancel.useMutation({
    onSuccess: onSuccess("Your order is cancelled."),
    onError,
  });
  const busy = pay.isPending || cancel.isPending;
  const error = pay.error ?? cancel.error;
  const cancellable = order.status === "PENDING" || order.status === "PAID";

  if (!cancellable)
    return notice ? <Alert tone="success">{notice}</Alert> : error ? <ApiErrorAlert error={error} /> : null;

  return (
    <Card aria-labelledby="order-actions-heading">
      <CardHeader>
        <CardTitle id="order-actions-heading">
          {order.status === "PENDING" ? "Payment" : "Changed your mind?"}
        </CardTitle>
        <CardDescription>
          {order.status === "PENDING" ? (
            <PaymentDeadline expiresAt={order.expiresAt} />
          ) : (
            "You can cancel until the order ships; the items go back into stock."
          )}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {notice && <Alert tone="success">{notice}</Alert>}
        {error && <ApiErrorAlert error={error} />}
        <div className="flex flex-col gap-2 sm:flex-row">
          {order.status === "PENDING" && (
            <Button
              size="lg"
              disabled={busy}
              onClick={() => {
                setNotice(null);
                cancel.reset();
                pay.mutate({ orderId: order.id });
              }}
            >
              <CreditCard aria-hidden />
              {pay.isPending ? "Paying…" : "Pay now (test mode)"}
            </Button>
          )}
          <ConfirmAction
            label="Cancel order"
            pending={cancel.isPending}
            pendingLabel="Cancelling…"
            triggerSize="lg"
            disabled={busy}
            title="Cancel this order?"
            description={
              order.status === "PAID"
                ? "The order is cancelled and your test payment is void. This cannot be undone."
                : "The order is cancelled and its items go back into stock. This cannot be undone."
            }
            confirmLabel="Cancel order"
            destructive
            cancelLabel="Keep order"
            onConfirm={() => {
              setNotice(null);
              pay.reset();
              cancel.mutate({ orderId: order.id });
            }}
          />
        </div>
        {order.status === "PENDING" && (
          <p className="text-xs text-muted-foreground">Test mode: no card is needed and nothing is charged.</p>
        )}
      </CardContent>
    </Card>
  );
}

function PaymentDeadline({ expiresAt }: { expiresAt: Date | null }) {
  const now = useNow(15_000);
  if (!expiresAt) return "Pay to confirm your order.";
  const minutes = now === null ? null : Math.ceil((expiresAt.getTime() - now) / 60_000);
  if (minutes !== null && minutes <= 0)
    return "The time to pay is over; this order is being cancelled and its items returned to stock.";
  return (
    <>
      Pay by <LocalTime value={expiresAt} options={{ timeStyle: "short" }} />
      {minutes !== null && ` (${minutes === 1 ? "1 minute" : `${minutes} minutes`} left)`}; after that the order is
      cancelled and the items go back into stock.
    </>
  );
}

/** The current time, ticking every `intervalMs`; null until hydrated (the server's clock differs). */
function useNow(intervalMs: number): number | null {
  const hydrated = useHydrated();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return hydrated ? now : null;
}
