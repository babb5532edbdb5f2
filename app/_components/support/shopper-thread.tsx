"use client";

import type { Route } from "next";
import Link from "next/link";
import { ApiErrorAlert } from "~/app/_components/api-error-alert";
import { Alert } from "~/app/_components/ui/alert";
import { api } from "~/app/_trpc/react";
import { useCoalesced } from "~/app/_trpc/use-coalesced";
import { ReplyBox } from "./reply-box";
import { SupportMessages, SupportTranscript } from "./support-messages";
import { useMarkSeen } from "./use-mark-seen";

interface ShopperThreadProps {
  threadId: string;
  /** Inside the assistant panel the chat is on screen already: its copy stays folded. */
  showTranscript?: boolean;
}

/**
 * A support conversation as its shopper sees it, live: staff replies and the close appear in place
 * (the thread's subscription refetches it), and what is on screen counts as seen.
 */
export function ShopperThread({ threadId, showTranscript = true }: ShopperThreadProps) {
  const utils = api.useUtils();
  const thread = api.support.thread.useQuery({ threadId }, { retry: false });
  // On start too: what happened between the query and the stream's start is fetched with it.
  const refresh = useCoalesced(() => void utils.support.thread.invalidate({ threadId }), 500);
  api.support.onThread.useSubscription(
    { threadId },
    { enabled: thread.isSuccess, onStarted: refresh, onData: refresh },
  );
  const markSeen = api.support.markSeen.useMutation();
  useMarkSeen(thread.data?.messages.at(-1)?.id, () => markSeen.mutate({ threadId }));
  const send = api.support.send.useMutation({
    onSuccess: () => utils.support.thread.invalidate({ threadId }),
  });

  if (thread.isPending)
    return (
      <div aria-busy="true" aria-label="Loading the conversation" className="h-40 animate-pulse rounded-xl bg-muted" />
    );
  if (thread.isError)
    return thread.error.data?.code === "NOT_FOUND" ? (
      <Alert tone="error" title="We could not open this conversation">
        <p>
          It belongs to another account, or this browser no longer holds its key (a mail link works for 30 days).{" "}
          <Link
            href={`/sign-in?callbackUrl=${encodeURIComponent(`/support/${threadId}`)}` as Route}
            className="underline"
          >
            Sign in
          </Link>{" "}
          with the account that started it, or open the link in our latest mail again.
        </p>
      </Alert>
    ) : (
      <ApiErrorAlert error={thread.error} />
    );

  const { data } = thread;
  const waiting = !data.messages.some((m) => m.author === "STAFF");
  return (
    <div className="grid gap-4">
      {showTranscript && <SupportTranscript transcript={data.transcript} shopperLabel="You" />}
      {data.messages.length > 0 && <SupportMessages messages={data.messages} viewer="shopper" />}
      {data.status === "OPEN" ? (
        <>
          {waiting && (
            <p role="status" className="text-sm text-muted-foreground">
              A person from our support team has your chat and will answer here. You can leave this page: we mail you a
              link if they answer while you are away.
            </p>
          )}
          <ReplyBox
            label="Your message to support"
            placeholder="Write to our support team…"
            pending={send.isPending}
            error={send.error}
            onSend={(body) => send.mutateAsync({ threadId, body })}
          />
        </>
      ) : (
        <Alert title="This conversation is closed">
          <p>
            Need more help?{" "}
            <Link href="/assistant" className="underline">
              Ask the assistant
            </Link>{" "}
            and choose “Talk to a person” again.
          </p>
        </Alert>
      )}
    </div>
  );
}
