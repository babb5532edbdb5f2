"use client";

import { RotateCw, Trash2 } from "lucide-react";
import type { Route } from "next";
import Link from "next/link";
import { Badge, type BadgeTone } from "~/app/_components/admin/badge";
import { ConfirmAction } from "~/app/_components/ui/confirm-action";
import { formatCount, formatMoment } from "~/app/_components/admin/format";
import { Td, Tr } from "~/app/_components/admin/table";
import { Button } from "~/app/_components/ui/button";
import { messageOf } from "~/app/_lib/api-errors";
import { api, type RouterOutputs } from "~/app/_trpc/react";
import {
  FINAL_KNOWLEDGE_STATUSES,
  HELP_CENTRE_ORIGIN,
  isKnowledgeMimeType,
  KNOWLEDGE_TYPES,
} from "~/server/knowledge/knowledge.schemas";
import { ProgressBar } from "./progress-bar";

type KnowledgeDocument = RouterOutputs["knowledge"]["list"]["items"][number];

const STATUS: Record<KnowledgeDocument["status"], { label: string; tone: BadgeTone }> = {
  PENDING: { label: "Queued", tone: "neutral" },
  INDEXING: { label: "Indexing", tone: "accent" },
  READY: { label: "Ready", tone: "success" },
  FAILED: { label: "Failed", tone: "danger" },
};

function formatSize(bytes: number) {
  if (bytes < 1024) return `${formatCount(bytes)} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function DocumentRow({ document }: { document: KnowledgeDocument }) {
  const status = STATUS[document.status];
  const inProgress = !(FINAL_KNOWLEDGE_STATUSES as readonly string[]).includes(document.status);
  return (
    <Tr>
      <Td className="max-w-72 min-w-44">
        {document.status === "READY" ? (
          <Link
            href={`/help/${document.id}` as Route}
            className="line-clamp-2 font-medium text-foreground underline-offset-4 hover:underline"
          >
            {document.title}
          </Link>
        ) : (
          <span className="line-clamp-2 font-medium">{document.title}</span>
        )}
      </Td>
      <Td className="whitespace-nowrap">{document.origin === HELP_CENTRE_ORIGIN ? "Help centre" : "Upload"}</Td>
      <Td className="whitespace-nowrap">
        {isKnowledgeMimeType(document.mimeType) ? KNOWLEDGE_TYPES[document.mimeType].label : document.mimeType}
      </Td>
      <Td className="text-right whitespace-nowrap tabular-nums">{formatSize(document.sizeBytes)}</Td>
      <Td className="min-w-40">
        <div className="grid justify-items-start gap-1.5">
          <Badge tone={status.tone}>{status.label}</Badge>
          {inProgress && (
            <ProgressBar
              label={`Indexing progress of ${document.title}`}
              value={document.progress}
              caption={`${document.progress}%${document.stage ? ` · ${document.stage}` : " · waiting for a worker"}`}
              className="w-full"
            />
          )}
          {document.status === "FAILED" && document.error && (
            <p className="max-w-64 text-xs text-destructive">{document.error}</p>
          )}
        </div>
      </Td>
      <Td className="text-right tabular-nums">
        {document.status === "READY" ? formatCount(document.chunkCount) : "—"}
      </Td>
      <Td className="whitespace-nowrap">
        {document.indexedAt ? (
          <time dateTime={document.indexedAt.toISOString()}>{formatMoment(document.indexedAt)}</time>
        ) : (
          "—"
        )}
      </Td>
      <Td>
        <DocumentActions document={document} />
      </Td>
    </Tr>
  );
}

function DocumentActions({ document }: { document: KnowledgeDocument }) {
  const utils = api.useUtils();
  const onSettled = () => void utils.knowledge.list.invalidate();
  const reindex = api.knowledge.reindex.useMutation({ onSettled });
  const remove = api.knowledge.delete.useMutation({ onSettled });
  const error = reindex.error ?? remove.error;

  return (
    <div className="grid justify-items-start gap-1">
      <div className="flex items-center gap-2">
        <Button
          variant="outline"
          size="sm"
          disabled={!document.canReindex || reindex.isPending || remove.isPending}
          aria-label={`Re-index “${document.title}”`}
          onClick={() => reindex.mutate({ documentId: document.id })}
        >
          <RotateCw aria-hidden />
          {reindex.isPending ? "Queueing…" : "Re-index"}
        </Button>
        {!document.canDelete ? (
          <span className="text-xs whitespace-nowrap text-muted-foreground">Built in</span>
        ) : (
          <ConfirmAction
            icon={Trash2}
            label="Delete"
            ariaLabel={`Delete “${document.title}”`}
            pending={remove.isPending}
            pendingLabel="Deleting…"
            triggerSize="sm"
            title={`Delete “${document.title}”?`}
            description="Its passages leave the assistant's index at once and the stored file is removed. Citations to it stop working. This cannot be undone."
            confirmLabel="Delete document"
            cancelLabel="Keep document"
            destructive
            onConfirm={() => remove.mutate({ documentId: document.id })}
          />
        )}
      </div>
      {error && (
        <p role="alert" className="max-w-56 text-xs text-destructive">
          {messageOf(error)}
        </p>
      )}
    </div>
  );
}
