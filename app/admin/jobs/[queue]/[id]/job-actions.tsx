"use client";

import { Ban, RotateCw, Trash2 } from "lucide-react";
import type { Route } from "next";
import { useRouter } from "next/navigation";
import { messageOf } from "~/app/_lib/api-errors";
import { api, type RouterOutputs } from "~/app/_trpc/react";
import { ConfirmAction } from "~/app/_components/ui/confirm-action";

type Job = RouterOutputs["jobs"]["detail"];

/** Retry, cancel and delete for admins, each confirmed first. */
export function JobActions({ job }: { job: Job }) {
  const router = useRouter();
  const utils = api.useUtils();
  const onSettled = () => void utils.jobs.invalidate();
  const retry = api.jobs.retry.useMutation({ onSettled });
  const cancel = api.jobs.cancel.useMutation({ onSettled });
  const remove = api.jobs.delete.useMutation({
    onSuccess: () => router.push(`/admin/jobs/${encodeURIComponent(job.queue)}` as Route),
  });
  const input = { queue: job.queue, jobId: job.id };
  const error = retry.error ?? cancel.error ?? remove.error;
  return (
    <div className="grid justify-items-end gap-1">
      <div className="flex flex-wrap gap-2">
        {job.can.retry && (
          <ConfirmAction
            icon={RotateCw}
            label="Retry"
            pending={retry.isPending}
            pendingLabel="Retrying…"
            triggerSize="sm"
            title="Retry this job?"
            description="It gets one more attempt now. If it has side effects (a mail, a webhook), they may happen again."
            confirmLabel="Retry job"
            onConfirm={() => retry.mutate(input)}
          />
        )}
        {job.can.cancel && (
          <ConfirmAction
            icon={Ban}
            label="Cancel"
            pending={cancel.isPending}
            pendingLabel="Cancelling…"
            triggerSize="sm"
            title="Cancel this job?"
            description="It will not run again. An attempt already running may still finish what it is doing."
            confirmLabel="Cancel job"
            destructive
            onConfirm={() => cancel.mutate(input)}
          />
        )}
        <ConfirmAction
          icon={Trash2}
          label="Delete"
          pending={remove.isPending}
          pendingLabel="Deleting…"
          triggerSize="sm"
          title="Delete this job?"
          description="It is removed from the queue for good, with its payload and output. This cannot be undone."
          confirmLabel="Delete job"
          destructive
          onConfirm={() => remove.mutate(input)}
        />
      </div>
      {error && (
        <p role="alert" className="max-w-64 text-xs text-destructive">
          {messageOf(error)}
        </p>
      )}
      {retry.isSuccess && (
        <p role="status" className="text-xs text-muted-foreground">
          Queued for a retry.
        </p>
      )}
    </div>
  );
}
