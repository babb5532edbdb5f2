"use client";

import { Send } from "lucide-react";
import { useId, useState } from "react";
import { ApiErrorAlert } from "~/app/_components/api-error-alert";
import { Button } from "~/app/_components/ui/button";
import { fieldErrorsOf, type ApiError } from "~/app/_lib/api-errors";
import { MAX_SUPPORT_MESSAGE_CHARS } from "~/server/support/support.schemas";

interface ReplyBoxProps {
  label: string;
  placeholder: string;
  pending: boolean;
  error: ApiError | null;
  /** Resolves when the message is stored: the box empties then, and keeps the text on failure. */
  onSend: (body: string) => Promise<unknown>;
}

/** A message box: Enter sends, Shift+Enter breaks the line; the server's field error is shown under it. */
export function ReplyBox({ label, placeholder, pending, error, onSend }: ReplyBoxProps) {
  const [body, setBody] = useState("");
  const id = useId();
  const fieldError = fieldErrorsOf(error).body?.[0];

  function send() {
    if (!body.trim() || pending) return;
    onSend(body).then(
      () => setBody(""),
      () => undefined, // shown from `error`; the text stays for another try
    );
  }

  return (
    <form
      className="grid gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      {error && !fieldError && <ApiErrorAlert error={error} />}
      <div className="flex items-end gap-2">
        <label htmlFor={id} className="sr-only">
          {label}
        </label>
        <textarea
          id={id}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey) {
              e.preventDefault();
              send();
            }
          }}
          rows={2}
          maxLength={MAX_SUPPORT_MESSAGE_CHARS}
          placeholder={placeholder}
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={fieldError ? `${id}-error` : undefined}
          className="max-h-40 min-h-10 flex-1 resize-none rounded-md border border-input bg-card px-3 py-2 text-sm shadow-xs focus-visible:outline-2 focus-visible:outline-ring aria-invalid:border-destructive"
        />
        <Button type="submit" disabled={pending || !body.trim()} aria-label="Send message">
          <Send aria-hidden /> {pending ? "Sending…" : "Send"}
        </Button>
      </div>
      {fieldError && (
        <p id={`${id}-error`} className="text-sm text-destructive">
          {fieldError}
        </p>
      )}
    </form>
  );
}
