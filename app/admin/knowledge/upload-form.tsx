"use client";

import { Upload } from "lucide-react";
import { useId, useRef, useState } from "react";
import { Alert } from "~/app/_components/ui/alert";
import { Button } from "~/app/_components/ui/button";
import { Card, CardContent } from "~/app/_components/ui/card";
import { Label } from "~/app/_components/ui/label";
import { api } from "~/app/_trpc/react";
import { formatMegabytes, KNOWLEDGE_UPLOAD_ACCEPT, MEGABYTE } from "~/server/knowledge/knowledge.schemas";
import { ProgressBar } from "./progress-bar";
import { sendUpload } from "./send-upload";

type Status =
  | { kind: "idle" }
  | { kind: "uploading"; percent: number | null }
  | { kind: "done"; title: string }
  | { kind: "error"; message: string };

/** Picks a file and sends it to POST /api/upload, showing how much has been sent and the server's verdict. */
export function UploadForm({ maxMegabytes }: { maxMegabytes: number }) {
  const inputId = useId();
  const hintId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const utils = api.useUtils();
  const uploading = status.kind === "uploading";

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) return setStatus({ kind: "error", message: "Choose a file to upload." });
    // The server checks again; this only spares sending a file that cannot be taken.
    if (file.size > maxMegabytes * MEGABYTE)
      return setStatus({
        kind: "error",
        message: `This file is ${formatMegabytes(file.size)}; the limit is ${maxMegabytes} MB.`,
      });
    setStatus({ kind: "uploading", percent: null });
    const result = await sendUpload(file, (percent) => setStatus({ kind: "uploading", percent }));
    if (!result.ok) return setStatus({ kind: "error", message: result.message });
    setStatus({ kind: "done", title: result.document.title });
    if (input.current) input.current.value = "";
    await utils.knowledge.list.invalidate();
  }

  return (
    <Card aria-labelledby={`${inputId}-title`}>
      <CardContent>
        <form onSubmit={(event) => void submit(event)} className="grid gap-4" aria-busy={uploading || undefined}>
          <div className="grid gap-2">
            <h2 id={`${inputId}-title`} className="text-lg font-semibold">
              Upload a document
            </h2>
            <Label htmlFor={inputId}>Document</Label>
            <input
              ref={input}
              id={inputId}
              name="file"
              type="file"
              required
              accept={KNOWLEDGE_UPLOAD_ACCEPT}
              aria-describedby={hintId}
              disabled={uploading}
              onChange={() => setStatus({ kind: "idle" })}
              className="w-full min-w-0 rounded-md border border-input bg-card text-sm shadow-xs file:mr-3 file:h-10 file:border-0 file:border-r file:border-input file:bg-muted file:px-3 file:font-medium disabled:opacity-60"
            />
            <p id={hintId} className="text-sm text-muted-foreground">
              Markdown, plain text, HTML or PDF, up to {maxMegabytes} MB. The type is judged from the file&apos;s
              content, not its name.
            </p>
          </div>
          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit" disabled={uploading}>
              <Upload aria-hidden />
              {uploading ? "Uploading…" : "Upload"}
            </Button>
            {uploading && (
              <ProgressBar
                label="Upload progress"
                value={status.percent}
                caption={status.percent === null ? "Starting…" : `${status.percent}% sent`}
              />
            )}
          </div>
          {status.kind === "error" && (
            <Alert tone="error" title="Upload refused">
              {status.message}
            </Alert>
          )}
          {status.kind === "done" && (
            <Alert tone="success">“{status.title}” was added; it is being indexed below.</Alert>
          )}
        </form>
      </CardContent>
    </Card>
  );
}
