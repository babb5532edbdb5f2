"use client";

import { Headset } from "lucide-react";
import type { Route } from "next";
import Link from "next/link";
import { useId, useState } from "react";
import { ApiErrorAlert } from "~/app/_components/api-error-alert";
import { Alert } from "~/app/_components/ui/alert";
import { Button } from "~/app/_components/ui/button";
import { FormField } from "~/app/_components/ui/form-field";
import { fieldErrorsOf } from "~/app/_lib/api-errors";
import { api } from "~/app/_trpc/react";
import type { AssistantUIMessage } from "~/server/chat/chat-tools";
import {
  MAX_SUPPORT_MESSAGE_CHARS,
  MAX_TRANSCRIPT_MESSAGE_CHARS,
  MAX_TRANSCRIPT_MESSAGES,
  type TranscriptMessage,
} from "~/server/support/support.schemas";

/** The chat's words as staff will read them (a visitor's chat is stored nowhere else). */
function transcriptOf(messages: AssistantUIMessage[]): TranscriptMessage[] {
  return messages
    .map((m) => ({
      role: m.role === "user" ? ("user" as const) : ("assistant" as const),
      text: m.parts
        .map((p) => (p.type === "text" ? p.text : ""))
        .join("")
        .trim()
        .slice(0, MAX_TRANSCRIPT_MESSAGE_CHARS),
    }))
    .filter((m) => m.text)
    .slice(-MAX_TRANSCRIPT_MESSAGES);
}

/** A visitor's token becomes the httpOnly cookie that opens their thread (never kept by this page). */
async function keepAccess(threadId: string, token: string) {
  const response = await fetch(`/support/${encodeURIComponent(threadId)}/access`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token }),
  });
  if (!response.ok) throw new Error("We could not keep your access to the conversation. Try again.");
}

interface TalkToPersonProps {
  chatId: string;
  signedIn: boolean;
  messages: AssistantUIMessage[];
  onCancel: () => void;
  onOpened: (threadId: string) => void;
}

/**
 * "Talk to a person": what the shopper wants to add, and for a visitor an email to answer at (or
 * signing in). The chat goes to staff with it.
 */
export function TalkToPerson({ chatId, signedIn, messages, onCancel, onOpened }: TalkToPersonProps) {
  const [email, setEmail] = useState("");
  const [note, setNote] = useState("");
  const [accessError, setAccessError] = useState<string | null>(null);
  const noteId = useId();
  const open = api.support.open.useMutation();
  const fields = fieldErrorsOf(open.error);
  const otherError = open.error && !fields.email && !fields.message ? open.error : null;

  async function handOver() {
    setAccessError(null);
    const opened = await open
      .mutateAsync({
        ...(signedIn ? { conversationId: chatId } : { email }),
        transcript: transcriptOf(messages),
        ...(note.trim() && { message: note }),
      })
      .catch(() => null);
    if (!opened) return;
    try {
      if (opened.accessToken) await keepAccess(opened.threadId, opened.accessToken);
      onOpened(opened.threadId);
    } catch (error) {
      setAccessError((error as Error).message);
    }
  }

  return (
    <form
      noValidate
      aria-label="Talk to a person"
      className="grid gap-3 rounded-xl border bg-card p-4 text-sm shadow-sm"
      onSubmit={(event) => {
        event.preventDefault();
        void handOver();
      }}
    >
      <p className="flex items-center gap-2 font-medium">
        <Headset aria-hidden className="size-4" /> Talk to a person
      </p>
      <p className="text-muted-foreground">
        Someone from our support team reads this chat and answers here, usually within a few hours.
      </p>
      {!signedIn && (
        <>
          <FormField
            label="Your email"
            name="email"
            type="email"
            autoComplete="email"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            errors={fields.email}
            hint="We mail you a link if support answers after you have left."
          />
          <p className="text-muted-foreground">
            Or{" "}
            <Link href={"/sign-in?callbackUrl=/assistant" as Route} className="text-primary underline">
              sign in
            </Link>{" "}
            to hand it over from your account (ask your question again there: a visitor&apos;s chat is not kept).
          </p>
        </>
      )}
      <div className="grid gap-2">
        <label htmlFor={noteId} className="font-medium">
          Anything to add? <span className="font-normal text-muted-foreground">(optional)</span>
        </label>
        <textarea
          id={noteId}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          rows={2}
          maxLength={MAX_SUPPORT_MESSAGE_CHARS}
          aria-invalid={fields.message ? true : undefined}
          className="resize-none rounded-md border border-input bg-card px-3 py-2 text-sm shadow-xs focus-visible:outline-2 focus-visible:outline-ring"
        />
        {fields.message && <p className="text-destructive">{fields.message[0]}</p>}
      </div>
      {otherError && <ApiErrorAlert error={otherError} />}
      {accessError && <Alert tone="error">{accessError}</Alert>}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={open.isPending}>
          {open.isPending ? "Handing over…" : "Hand over to a person"}
        </Button>
        <Button type="button" variant="ghost" onClick={onCancel}>
          Keep chatting with the assistant
        </Button>
      </div>
    </form>
  );
}
