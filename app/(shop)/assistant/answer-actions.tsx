"use client";

import { Check, Copy, ThumbsDown, ThumbsUp } from "lucide-react";
import type { Route } from "next";
import Link from "next/link";
import { useEffect, useId, useState } from "react";
import { Button } from "~/app/_components/ui/button";
import { Label } from "~/app/_components/ui/label";
import { fieldErrorsOf, messageOf } from "~/app/_lib/api-errors";
import { api } from "~/app/_trpc/react";
import type { AnswerFeedback, AnswerRatingValue } from "~/server/chat/assistant-feedback.schemas";

const COPIED_MS = 2000;
const MAX_REASON_CHARS = 500;

const RATINGS = [
  { rating: "up", label: "Helpful", Icon: ThumbsUp, pressedClass: "fill-current text-primary" },
  { rating: "down", label: "Not helpful", Icon: ThumbsDown, pressedClass: "fill-current text-destructive" },
] as const satisfies readonly { rating: AnswerRatingValue; label: string; Icon: unknown; pressedClass: string }[];

/** The answer as a shopper pastes it: without the citation markers, which only link here. */
const plainText = (text: string) => text.replace(/\s?\[\d{1,2}\](?!\()/g, "").trim();

interface AnswerActionsProps {
  messageId: string;
  text: string;
  /** The rating stored with the answer (a reloaded conversation), if any. */
  initial: AnswerFeedback | null;
  /** Ratings are kept with a signed-in shopper's conversation; visitors are asked to sign in. */
  signedIn: boolean;
  /** A stored answer from before ratings cannot be rated: no thumbs, only Copy. */
  rateable: boolean;
}

/** Under a finished answer: copy it, rate it up or down, and say what was wrong with it. */
export function AnswerActions({ messageId, text, initial, signedIn, rateable }: AnswerActionsProps) {
  const [feedback, setFeedback] = useState(initial);
  const [askingReason, setAskingReason] = useState(false);
  const [thanked, setThanked] = useState(false);
  const rate = api.assistant.rateAnswer.useMutation({ onSuccess: (saved) => setFeedback(saved) });
  const clear = api.assistant.clearRating.useMutation({ onSuccess: () => setFeedback(null) });
  const error = rate.error ?? clear.error;
  const busy = rate.isPending || clear.isPending;

  function toggle(rating: AnswerRatingValue) {
    setThanked(false);
    if (feedback?.rating === rating) {
      setAskingReason(false);
      return clear.mutate({ messageId });
    }
    rate.mutate({ messageId, rating });
    setAskingReason(rating === "down");
  }

  return (
    <div className="grid gap-2 border-t pt-2">
      <div role="group" aria-label="Answer actions" className="flex flex-wrap items-center gap-1">
        <CopyButton text={plainText(text)} />
        {!signedIn ? (
          <p className="px-1 text-xs text-muted-foreground">
            <Link href={"/sign-in?callbackUrl=/assistant" as Route} className="text-primary underline">
              Sign in
            </Link>{" "}
            to rate answers.
          </p>
        ) : (
          rateable &&
          RATINGS.map(({ rating, label, Icon, pressedClass }) => (
            <Button
              key={rating}
              variant="ghost"
              size="sm"
              className="px-2"
              aria-label={label}
              aria-pressed={feedback?.rating === rating}
              disabled={busy}
              onClick={() => toggle(rating)}
            >
              <Icon aria-hidden className={feedback?.rating === rating ? pressedClass : undefined} />
            </Button>
          ))
        )}
        <p role="status" className="px-1 text-xs text-muted-foreground">
          {thanked ? "Thanks — this helps us improve the help centre." : ""}
        </p>
      </div>
      {error && !fieldErrorsOf(error).reason && (
        <p role="alert" className="text-xs text-destructive">
          {messageOf(error)}
        </p>
      )}
      {askingReason && feedback?.rating === "down" && (
        <ReasonForm
          initial={feedback.reason ?? ""}
          pending={rate.isPending}
          error={fieldErrorsOf(rate.error).reason?.[0]}
          onCancel={() => setAskingReason(false)}
          onSend={(reason) =>
            rate.mutate(
              { messageId, rating: "down", reason },
              {
                onSuccess: () => {
                  setAskingReason(false);
                  setThanked(true);
                },
              },
            )
          }
        />
      )}
    </div>
  );
}

function CopyButton({ text }: { text: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), COPIED_MS);
    return () => clearTimeout(timer);
  }, [state]);

  return (
    <Button
      variant="ghost"
      size="sm"
      className="px-2"
      aria-label={state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : "Copy answer"}
      onClick={() =>
        navigator.clipboard.writeText(text).then(
          () => setState("copied"),
          () => setState("failed"),
        )
      }
    >
      {state === "copied" ? <Check aria-hidden /> : <Copy aria-hidden />}
      <span aria-hidden className="text-xs">
        {state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : "Copy"}
      </span>
    </Button>
  );
}

interface ReasonFormProps {
  initial: string;
  pending: boolean;
  error?: string;
  onSend: (reason: string) => void;
  onCancel: () => void;
}

/** The optional "what was wrong?" after a thumbs down; Escape closes it, the rating stays. */
function ReasonForm({ initial, pending, error, onSend, onCancel }: ReasonFormProps) {
  const id = useId();
  const [reason, setReason] = useState(initial);
  return (
    <form
      className="grid gap-2"
      aria-label="Why was this answer not helpful?"
      onSubmit={(event) => {
        event.preventDefault();
        onSend(reason.trim());
      }}
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          event.stopPropagation();
          onCancel();
        }
      }}
    >
      <Label htmlFor={id} className="text-xs">
        What was wrong with this answer? (optional)
      </Label>
      <textarea
        id={id}
        autoFocus
        rows={2}
        maxLength={MAX_REASON_CHARS}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        aria-invalid={!!error}
        aria-describedby={error ? `${id}-error` : undefined}
        className="min-h-14 resize-y rounded-md border border-input bg-background px-2 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-ring"
      />
      {error && (
        <p id={`${id}-error`} className="text-xs text-destructive">
          {error}
        </p>
      )}
      <div className="flex gap-1">
        <Button type="submit" size="sm" disabled={pending || !reason.trim()}>
          Send
        </Button>
        <Button size="sm" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
