"use client";

import { Check, LoaderCircle } from "lucide-react";
import { useEffect, useId, useState } from "react";
import { cn } from "~/app/_lib/cn";
import { fieldMessageOf } from "./errors";

interface InlineEditCellProps {
  /** Accessible name, e.g. "Price of Trail shoe". */
  label: string;
  /** The input field's name in the procedure, to pick its error from the server's answer. */
  field: string;
  value: string;
  prefix?: string;
  inputMode?: "decimal" | "numeric";
  /** A check before anything is sent; returns the message to show, or null. */
  validate?: (draft: string) => string | null;
  /** Saves the new value; rejects with the server's error. */
  onSave: (draft: string) => Promise<unknown>;
  className?: string;
}

type Status =
  { kind: "idle" } | { kind: "saving" } | { kind: "saved" } | { kind: "error"; message: string; draft: string };

/**
 * A table cell edited in place: focus it and type; Enter or leaving the cell saves, Escape puts the
 * saved value back. While saving it says so; a refused value stays in the cell with the reason.
 */
export function InlineEditCell({
  label,
  field,
  value,
  prefix,
  inputMode,
  validate,
  onSave,
  className,
}: InlineEditCellProps) {
  const messageId = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>({ kind: "idle" });

  useEffect(() => {
    if (status.kind !== "saved") return;
    const timer = setTimeout(() => setStatus({ kind: "idle" }), 2500);
    return () => clearTimeout(timer);
  }, [status.kind]);

  async function commit() {
    const next = draft?.trim();
    if (next === undefined || status.kind === "saving") return;
    if (next === value) return cancel();
    // Leaving the cell with the value just refused must not send it again.
    if (status.kind === "error" && status.draft === next) return;
    const refusal = validate?.(next);
    if (refusal) return setStatus({ kind: "error", message: refusal, draft: next });
    setStatus({ kind: "saving" });
    try {
      await onSave(next);
      setDraft(null);
      setStatus({ kind: "saved" });
    } catch (error) {
      setStatus({ kind: "error", message: fieldMessageOf(error, field), draft: next });
    }
  }

  function cancel() {
    setDraft(null);
    setStatus({ kind: "idle" });
  }

  const error = status.kind === "error" ? status.message : null;
  return (
    <div className={cn("grid min-w-28 gap-1", className)}>
      <div className="relative flex items-center">
        {prefix && (
          <span aria-hidden className="pointer-events-none absolute left-2 text-muted-foreground">
            {prefix}
          </span>
        )}
        <input
          aria-label={label}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? messageId : undefined}
          aria-busy={status.kind === "saving" || undefined}
          inputMode={inputMode}
          autoComplete="off"
          value={draft ?? value}
          readOnly={status.kind === "saving"}
          onFocus={(event) => event.currentTarget.select()}
          onChange={(event) => setDraft(event.target.value)}
          onBlur={() => void commit()}
          onKeyDown={(event) => {
            if (event.key === "Enter") void commit();
            if (event.key === "Escape") {
              event.preventDefault();
              cancel();
            }
          }}
          className={cn(
            "h-8 w-full rounded-md border border-transparent bg-transparent pr-6 tabular-nums",
            prefix ? "pl-5" : "pl-2",
            "hover:border-input focus-visible:border-ring focus-visible:bg-card focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-ring/40",
            "aria-invalid:border-destructive",
          )}
        />
        <span className="pointer-events-none absolute right-2 inline-flex">
          {status.kind === "saving" && (
            <LoaderCircle
              aria-hidden
              className="size-3.5 animate-spin text-muted-foreground motion-reduce:animate-none"
            />
          )}
          {status.kind === "saved" && <Check aria-hidden className="size-3.5 text-success" />}
        </span>
        <span role="status" className="sr-only">
          {status.kind === "saving" ? "Saving…" : status.kind === "saved" ? "Saved" : ""}
        </span>
      </div>
      {error && (
        <p id={messageId} role="alert" className="max-w-48 text-xs text-destructive">
          {error}
        </p>
      )}
    </div>
  );
}
