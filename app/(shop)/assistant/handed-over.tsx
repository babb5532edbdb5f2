"use client";

import { ExternalLink, Headset } from "lucide-react";
import type { Route } from "next";
import Link from "next/link";
import { ShopperThread } from "~/app/_components/support/shopper-thread";
import type { AssistantUIMessage } from "~/server/chat/chat-tools";
import { ChatMessage } from "./chat-message";

/** The chat after "Talk to a person": its messages stay above; the support thread goes on below, live. */
interface HandedOverProps {
  threadId: string;
  messages: AssistantUIMessage[];
  signedIn: boolean;
}

export function HandedOver({ threadId, messages, signedIn }: HandedOverProps) {
  return (
    <section
      aria-label="Support conversation"
      className="flex min-h-0 flex-1 flex-col rounded-xl border bg-background shadow-sm"
    >
      <div className="flex flex-wrap items-center justify-between gap-2 border-b px-4 py-3 text-sm">
        <p className="flex items-center gap-2 font-medium">
          <Headset aria-hidden className="size-4" /> You are talking to Shopwise support
        </p>
        <Link href={`/support/${threadId}` as Route} className="flex items-center gap-1 text-primary hover:underline">
          Open on its own page <ExternalLink aria-hidden className="size-3.5" />
        </Link>
      </div>
      <div className="grid min-h-0 flex-1 content-start gap-4 overflow-y-auto p-4">
        <ol aria-label="Messages" className="grid gap-4 opacity-80">
          {messages.map((m) => (
            <ChatMessage key={m.id} message={m} signedIn={signedIn} />
          ))}
        </ol>
        <p className="border-t pt-3 text-center text-xs text-muted-foreground">Handed over to a person</p>
        <ShopperThread threadId={threadId} showTranscript={false} />
      </div>
    </section>
  );
}
