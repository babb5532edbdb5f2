"use client";

import { Inbox, RefreshCw } from "lucide-react";
import Link from "next/link";
import { ApiErrorAlert } from "~/app/_components/api-error-alert";
import { Alert } from "~/app/_components/ui/alert";
import { Button } from "~/app/_components/ui/button";
import { Card, CardContent } from "~/app/_components/ui/card";
import { cn } from "~/app/_lib/cn";
import { api } from "~/app/_trpc/react";
import { MailItem } from "./mail-item";

const PAGE_SIZE = 20;

export function Mailbox() {
  const mail = api.devMailbox.list.useInfiniteQuery(
    { limit: PAGE_SIZE },
    {
      getNextPageParam: (page) => page.nextCursor,
      // A switched-off mailbox stays off; retrying only delays saying so.
      retry: (failures, error) => error.data?.code !== "NOT_FOUND" && failures < 2,
    },
  );

  if (mail.error?.data?.code === "NOT_FOUND")
    return (
      <Alert title="The dev mailbox is off.">
        It is on by default under <code className="font-mono">npm run dev</code> and off in production. To use it
        elsewhere, set <code className="font-mono">DEV_MAILBOX=true</code> and restart the server.
      </Alert>
    );

  const items = mail.data?.pages.flatMap((page) => page.items) ?? [];
  const refreshing = mail.isFetching && !mail.isFetchingNextPage;

  return (
    <div className="grid gap-4">
      <div className="flex items-center justify-between gap-3">
        <p className="text-sm text-muted-foreground" aria-live="polite">
          {mail.isPending ? "Loading mail…" : countLabel(items.length, mail.hasNextPage)}
        </p>
        <Button variant="outline" size="sm" onClick={() => void mail.refetch()} disabled={refreshing}>
          <RefreshCw aria-hidden className={cn(refreshing && "animate-spin motion-reduce:animate-none")} />
          {refreshing ? "Refreshing…" : "Refresh"}
        </Button>
      </div>

      {mail.error && <ApiErrorAlert error={mail.error} />}

      {mail.isPending ? (
        <Card aria-hidden className="h-40 animate-pulse bg-muted" />
      ) : items.length === 0 && !mail.error ? (
        <Card>
          <CardContent className="grid justify-items-center gap-3 py-12 text-center">
            <Inbox aria-hidden className="size-10 text-muted-foreground" />
            <h2 className="font-semibold">No mail yet</h2>
            <p className="max-w-sm text-sm text-muted-foreground">
              Mail the app sends, like the welcome email after someone creates an account, shows up here within a few
              seconds. Press Refresh to check again.
            </p>
            <Button asChild variant="outline" size="sm">
              <Link href="/sign-up">Create an account</Link>
            </Button>
          </CardContent>
        </Card>
      ) : (
        <ul className="grid gap-3" aria-label="Messages">
          {items.map((item) => (
            <MailItem key={item.id} mail={item} />
          ))}
        </ul>
      )}

      {mail.hasNextPage && (
        <Button
          variant="outline"
          className="justify-self-center"
          onClick={() => void mail.fetchNextPage()}
          disabled={mail.isFetchingNextPage}
        >
          {mail.isFetchingNextPage ? "Loading more…" : "Load more"}
        </Button>
      )}
    </div>
  );
}

function countLabel(count: number, more: boolean) {
  if (more) return `Showing the newest ${count} messages`;
  return count === 1 ? "1 message" : `${count} messages`;
}
