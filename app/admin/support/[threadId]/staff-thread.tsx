"use client";

import { ApiErrorAlert } from "~/app/_components/api-error-alert";
import { Badge } from "~/app/_components/admin/badge";
import { ConfirmAction } from "~/app/_components/ui/confirm-action";
import { formatMoment } from "~/app/_components/admin/format";
import { ReplyBox } from "~/app/_components/support/reply-box";
import { SupportMessages, SupportTranscript } from "~/app/_components/support/support-messages";
import { useMarkSeen } from "~/app/_components/support/use-mark-seen";
import { Alert } from "~/app/_components/ui/alert";
import { api } from "~/app/_trpc/react";
import { useCoalesced } from "~/app/_trpc/use-coalesced";

/**
 * One support conversation for staff, live: the chat it was handed over with, the messages, a reply
 * box and Close. Opening it is audited (support.view); the shopper's new messages appear in place.
 */
export function StaffThread({ threadId }: { threadId: string }) {
  const utils = api.useUtils();
  const thread = api.admin.support.thread.useQuery({ threadId }, { retry: false });
  const refresh = useCoalesced(() => void utils.admin.support.thread.invalidate({ threadId }), 500);
  api.admin.support.onThread.useSubscription(
    { threadId },
    { enabled: thread.isSuccess, onStarted: refresh, onData: refresh },
  );
  const markSeen = api.admin.support.markSeen.useMutation();
  useMarkSeen(thread.data?.messages.at(-1)?.id ?? thread.data?.id, () => markSeen.mutate({ threadId }));
  const reply = api.admin.support.reply.useMutation({
    onSuccess: () => utils.admin.support.thread.invalidate({ threadId }),
  });
  const close = api.admin.support.close.useMutation({
    onSuccess: () => utils.admin.support.thread.invalidate({ threadId }),
  });

  if (thread.isPending)
    return (
      <div aria-busy="true" aria-label="Loading the conversation" className="h-60 animate-pulse rounded-xl bg-muted" />
    );
  if (thread.isError) return <ApiErrorAlert error={thread.error} />;

  const t = thread.data;
  const shopper = t.user ? `${t.user.name ?? t.user.email} (${t.user.email})` : `Visitor (${t.contactEmail})`;
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="grid gap-1">
          <h1 className="flex items-center gap-2 text-2xl font-semibold tracking-tight">
            {shopper}
            <Badge tone={t.status === "OPEN" ? "success" : "neutral"}>{t.status === "OPEN" ? "Open" : "Closed"}</Badge>
          </h1>
          <p className="text-sm text-muted-foreground">
            Handed over <time dateTime={t.createdAt.toISOString()}>{formatMoment(t.createdAt)}</time>
            {t.user ? " by a signed-in shopper" : " by a visitor; replies are mailed to them if they have left"}.
          </p>
        </div>
        {t.status === "OPEN" && (
          <ConfirmAction
            label="Close"
            pending={close.isPending}
            pendingLabel="Closing…"
            title="Close this conversation?"
            description="The shopper is told it was closed and can no longer write in it; they can start a new one from the assistant."
            confirmLabel="Close conversation"
            destructive
            onConfirm={() => close.mutate({ threadId })}
          />
        )}
      </div>
      {close.error && <ApiErrorAlert error={close.error} />}
      <SupportTranscript transcript={t.transcript} open shopperLabel="Shopper" />
      {t.messages.length > 0 ? (
        <SupportMessages messages={t.messages} viewer="staff" />
      ) : (
        <p className="text-sm text-muted-foreground">The shopper has not written anything besides the chat above.</p>
      )}
      {t.status === "OPEN" ? (
        <ReplyBox
          label="Your reply to the shopper"
          placeholder="Reply to the shopper…"
          pending={reply.isPending}
          error={reply.error}
          onSend={(body) => reply.mutateAsync({ threadId, body })}
        />
      ) : (
        <Alert>This conversation is closed. The shopper can start a new one from the assistant.</Alert>
      )}
    </div>
  );
}
