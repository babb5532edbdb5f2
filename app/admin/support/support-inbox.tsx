"use client";

import type { Route } from "next";
import Link from "next/link";
import { useState } from "react";
import { ApiErrorAlert } from "~/app/_components/api-error-alert";
import { Badge } from "~/app/_components/admin/badge";
import { formatMoment } from "~/app/_components/admin/format";
import { EmptyState } from "~/app/_components/admin/table-state";
import { LoadMore } from "~/app/_components/load-more";
import { Button } from "~/app/_components/ui/button";
import { api } from "~/app/_trpc/react";
import { useCoalesced } from "~/app/_trpc/use-coalesced";

const STATUSES = [
  { value: "OPEN", label: "Open" },
  { value: "CLOSED", label: "Closed" },
] as const;

/** The support inbox, live: the inbox subscription refetches it when a thread opens, moves or closes. */
export function SupportInbox() {
  const [status, setStatus] = useState<"OPEN" | "CLOSED">("OPEN");
  const utils = api.useUtils();
  const list = api.admin.support.inbox.useInfiniteQuery({ status }, { getNextPageParam: (last) => last.nextCursor });
  // A burst of events (a busy inbox) costs two refetches, not one per event.
  const refresh = useCoalesced(() => void utils.admin.support.inbox.invalidate(), 1000);
  api.admin.support.onInbox.useSubscription(undefined, { onStarted: refresh, onData: refresh });
  const items = list.data?.pages.flatMap((page) => page.items);

  return (
    <div className="grid gap-4">
      <div role="group" aria-label="Show" className="flex gap-2">
        {STATUSES.map((s) => (
          <Button
            key={s.value}
            size="sm"
            variant={status === s.value ? "primary" : "outline"}
            aria-pressed={status === s.value}
            onClick={() => setStatus(s.value)}
          >
            {s.label}
          </Button>
        ))}
      </div>
      {list.isError && !items && <ApiErrorAlert error={list.error} />}
      {list.isPending ? (
        <div aria-busy="true" aria-label="Loading conversations" className="h-40 animate-pulse rounded-xl bg-muted" />
      ) : items?.length ? (
        <ol aria-label="Support conversations" className="grid gap-2">
          {items.map((t) => (
            <li key={t.id}>
              <Link
                href={`/admin/support/${t.id}` as Route}
                className="grid gap-1 rounded-xl border bg-card p-4 text-sm shadow-sm hover:bg-muted"
              >
                <span className="flex flex-wrap items-center gap-2">
                  <span className="font-medium">{t.shopperName ?? t.contactEmail}</span>
                  <span className="text-xs text-muted-foreground">
                    {t.signedIn ? `signed-in shopper · ${t.contactEmail}` : "visitor"}
                  </span>
                  {t.isNew && <Badge tone="accent">New</Badge>}
                  {t.unread > 0 && (
                    <Badge tone="danger" aria-label={`${t.unread} unread`}>
                      {t.unread} unread
                    </Badge>
                  )}
                  <time dateTime={t.lastMessageAt.toISOString()} className="ml-auto text-xs text-muted-foreground">
                    {formatMoment(t.lastMessageAt)}
                  </time>
                </span>
                <span className="line-clamp-2 text-muted-foreground">
                  {t.lastAuthor === "STAFF" && "Support: "}
                  {t.preview || "No message yet"}
                </span>
              </Link>
            </li>
          ))}
        </ol>
      ) : (
        items && (
          <div className="rounded-xl border bg-card px-3 py-10">
            <EmptyState title={status === "OPEN" ? "No open conversations" : "No closed conversations"}>
              When a shopper chooses “Talk to a person” in the assistant, the conversation appears here.
            </EmptyState>
          </div>
        )
      )}
      <LoadMore pages={list} />
    </div>
  );
}
