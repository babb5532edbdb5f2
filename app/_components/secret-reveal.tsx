"use client";

import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { Alert } from "~/app/_components/ui/alert";
import { Button } from "~/app/_components/ui/button";

interface SecretRevealProps {
  /** What the secret is, e.g. "Signing secret" or "Your new API key". */
  label: string;
  secret: string;
  onDone: () => void;
  doneLabel?: string;
  testId?: string;
}

/** A secret (API key, signing secret) shown the one time the server sends it, with a copy button. */
export function SecretReveal({ label, secret, onDone, doneLabel = "Done", testId }: SecretRevealProps) {
  const [copied, setCopied] = useState<"no" | "yes" | "failed">("no");
  return (
    <div role="status" className="grid gap-3 rounded-lg border border-primary/40 bg-primary/5 p-4">
      <p className="text-sm font-medium">{label}: copy it now, it is not shown again.</p>
      <div className="flex flex-wrap items-center gap-2">
        <code data-testid={testId} className="min-w-0 flex-1 rounded bg-muted px-2 py-1 text-sm break-all">
          {secret}
        </code>
        <Button
          variant="outline"
          size="sm"
          onClick={() =>
            navigator.clipboard.writeText(secret).then(
              () => setCopied("yes"),
              () => setCopied("failed"),
            )
          }
        >
          {copied === "yes" ? <Check aria-hidden /> : <Copy aria-hidden />}
          {copied === "yes" ? "Copied" : "Copy"}
        </Button>
        <Button variant="ghost" size="sm" onClick={onDone}>
          {doneLabel}
        </Button>
      </div>
      {copied === "failed" && <Alert tone="error">Copying failed; select the secret and copy it.</Alert>}
    </div>
  );
}
