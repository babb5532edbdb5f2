"use client";

import { useState } from "react";
import { ApiErrorAlert } from "~/app/_components/api-error-alert";
import { Badge, type BadgeTone } from "~/app/_components/admin/badge";
import { LocalTime } from "~/app/_components/catalog/local-time";
import { LoadMore } from "~/app/_components/load-more";
import { Button } from "~/app/_components/ui/button";
import { api } from "~/app/_trpc/react";
import { WEBHOOK_DELIVERY_STATUSES } from "~/server/webhooks/webhooks.schemas";

type Status = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

const STATUS_LABEL: Record<Status, [string, BadgeTone]> = {
  PENDING: ["Pending", "accent"],
  SUCCEEDED: ["Succeeded", "success"],
  FAILED: ["Failed", "danger"],
};

/** While a delivery is pending the list refreshes itself, so its outcome shows without a reload. */
const PENDING_REFRESH_MS = 2_000;

/** One endpoint's deliveries, newest first: status, response code, attempts; resend when settled. */
export function WebhookDeliveries({ endpointId, enabled }: { endpointId: string; enabled: boolean }) {
  const [status, setStatus] = useState<Status | "">("");
  const deliveries = api.webhooks.deliveries.useInfiniteQuery(
    { endpointId, limit: 10, ...(status && { status }) },
    {
      getNextPageParam: (last) => last.nextCursor,
      refetchInterval: (query) =>
        query.state.data?.pages.some((page) => page.items.some((d) => d.status === "PENDING"))
          ? PENDING_REFRESH_MS
          : false,
    },
  );
  const utils = api.useUtils();
  const resend = api.webhooks.resend.useMutation({ onSuccess: () => void utils.webhooks.deliveries.invalidate() });
  const items = deliveries.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section aria-label="Deliveries" className="grid gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="text-sm font-semibold">Deliveries</h3>
        <label className="flex items-center gap-2 text-sm">
          Status
          <select
            className="h-8 rounded-md border border-input bg-card px-2 text-sm"
            value={status}
            onChange={(event) => setStatus(event.target.value as Status | "")}
          >
            <option value="">All</option>
            {WEBHOOK_DELIVERY_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABEL[s][0]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {resend.error && <ApiErrorAlert error={resend.error} />}
      {deliveries.isError && !deliveries.data && <ApiErrorAlert error={deliveries.error} />}
      {deliveries.isPending && <p className="text-sm text-muted-foreground">Loading deliveries…</p>}
      {deliveries.data && items.length === 0 && (
        <p className="text-sm text-muted-foreground">No deliveries{status && " with this status"} yet.</p>
      )}
      {items.length > 0 && (
        <ul className="grid divide-y rounded-lg border" aria-label="Webhook deliveries">
          {items.map((delivery) => {
            const [label, tone] = STATUS_LABEL[delivery.status];
            return (
              <li key={delivery.id} data-testid="webhook-delivery" className="grid gap-1 p-3 text-sm">
                <div className="flex flex-wrap items-center gap-2">
                  <code className="font-medium">{delivery.eventType}</code>
                  <Badge tone={tone}>{label}</Badge>
                  <span className="text-muted-foreground" data-testid="webhook-delivery-code">
                    {delivery.lastStatusCode ? `HTTP ${delivery.lastStatusCode}` : "no response"}
                  </span>
                  <span className="text-muted-foreground">
                    · {delivery.attempts === 1 ? "1 attempt" : `${delivery.attempts} attempts`}
                  </span>
                  <span className="ml-auto text-muted-foreground">
                    <LocalTime value={delivery.createdAt} />
                  </span>
                </div>
                {delivery.lastError && <p className="break-all text-destructive">{delivery.lastError}</p>}
                {delivery.status === "PENDING" && delivery.nextAttemptAt && delivery.attempts > 0 && (
                  <p className="text-muted-foreground">
                    Next attempt after <LocalTime value={delivery.nextAttemptAt} />
                  </p>
                )}
                <div className="flex items-center gap-2">
                  <code className="text-xs text-muted-foreground">{delivery.eventId}</code>
                  {delivery.status !== "PENDING" && (
                    <Button
                      variant="ghost"
                      size="sm"
                      className="ml-auto"
                      disabled={!enabled || resend.isPending}
                      onClick={() => resend.mutate({ deliveryId: delivery.id })}
                    >
                      Resend
                    </Button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <LoadMore pages={deliveries} />
    </section>
  );
}
