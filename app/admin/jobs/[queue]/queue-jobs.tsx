"use client";

import { keepPreviousData } from "@tanstack/react-query";
import { ArrowLeft, RotateCw, Undo2 } from "lucide-react";
import type { Route } from "next";
import Link from "next/link";
import { ClearFilters, FilterBar, SelectFilter } from "~/app/_components/admin/filter-bar";
import { formatCount, plural } from "~/app/_components/admin/format";
import { Pagination } from "~/app/_components/admin/pagination";
import { DataTable, Td, Th, Tr } from "~/app/_components/admin/table";
import { EmptyState, TableBody } from "~/app/_components/admin/table-state";
import { useSearchState } from "~/app/_components/admin/use-search-state";
import { messageOf } from "~/app/_lib/api-errors";
import { api } from "~/app/_trpc/react";
import { JOB_STATES } from "~/server/jobs/jobs-console.schemas";
import { ConfirmAction } from "~/app/_components/ui/confirm-action";
import { JobStateBadge, Moment, STATE_LABELS } from "../job-format";
import { LiveBadge } from "../live-badge";
import { useJobsLive } from "../use-jobs-live";
import { queueJobsInput } from "./queue-params";

export function QueueJobs({ queue, isAdmin }: { queue: string; isAdmin: boolean }) {
  const live = useJobsLive(queue);
  const [params, update] = useSearchState();
  const input = queueJobsInput(queue, params);
  const list = api.jobs.byQueue.useQuery(input, { placeholderData: keepPreviousData });
  const counts = list.data?.counts;
  const options = [
    { value: "", label: "Every state" },
    ...JOB_STATES.map((s) => ({
      value: s,
      label: `${STATE_LABELS[s].label}${counts ? ` (${formatCount(counts[s])})` : ""}`,
    })),
  ];

  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <Link
          href="/admin/jobs"
          className="flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
        >
          <ArrowLeft aria-hidden className="size-4" /> Every queue
        </Link>
        <LiveBadge status={live} />
      </div>
      <FilterBar label="Filter the jobs">
        <SelectFilter
          label="State"
          value={input.state ?? ""}
          options={options}
          onChange={(state) => update({ state })}
        />
        {input.state && <ClearFilters onClear={() => update({ state: null })} />}
        {isAdmin && <QueueActions queue={queue} failed={counts?.failed ?? 0} />}
      </FilterBar>
      <DataTable caption={`Jobs of ${queue}, newest first`} busy={list.isPlaceholderData}>
        <thead>
          <tr>
            <Th>Job</Th>
            <Th>State</Th>
            <Th className="text-right">Retries</Th>
            <Th>Created</Th>
            <Th>Finished</Th>
            <Th>Error</Th>
          </tr>
        </thead>
        <TableBody
          query={list}
          columns={6}
          empty={<EmptyState title={input.state ? "No job in this state" : "No jobs in this queue"} />}
        >
          {(items) =>
            items.map((job) => (
              <Tr key={job.id} data-job={job.id}>
                <Td className="whitespace-nowrap">
                  <Link
                    href={`/admin/jobs/${encodeURIComponent(queue)}/${job.id}` as Route}
                    className="font-mono text-xs text-primary underline-offset-4 hover:underline"
                  >
                    {job.id}
                  </Link>
                </Td>
                <Td>
                  <JobStateBadge state={job.state} />
                </Td>
                <Td className="text-right tabular-nums">
                  {job.retryCount} of {job.retryLimit}
                </Td>
                <Td className="whitespace-nowrap">
                  <Moment value={job.createdOn} />
                </Td>
                <Td className="whitespace-nowrap">
                  <Moment value={job.completedOn} />
                </Td>
                <Td className="max-w-80 text-xs text-destructive">{job.error}</Td>
              </Tr>
            ))
          }
        </TableBody>
      </DataTable>
      {list.data && <Pagination {...list.data} noun="jobs" onPage={(page) => update({ page })} />}
    </div>
  );
}

/** Retry every failed job (a queue), or move the dead letters back (a dead-letter queue). */
function QueueActions({ queue, failed }: { queue: string; failed: number }) {
  const utils = api.useUtils();
  const onSettled = () => void utils.jobs.invalidate();
  const retryFailed = api.jobs.retryFailed.useMutation({ onSettled });
  const redrive = api.jobs.redrive.useMutation({ onSettled });
  const dead = queue.endsWith(".dead");
  const preview = api.jobs.previewRedrive.useQuery({ queue }, { enabled: dead });
  const error = retryFailed.error ?? redrive.error;
  const done = retryFailed.data
    ? `${plural(retryFailed.data.retried, "job")} queued for a retry${retryFailed.data.more ? "; more remain" : ""}.`
    : redrive.data
      ? `${plural(redrive.data.moved, "job")} moved back${redrive.data.left ? `; ${formatCount(redrive.data.left)} left` : ""}.`
      : null;
  return (
    <div className="ml-auto grid justify-items-end gap-1">
      {dead ? (
        <ConfirmAction
          icon={Undo2}
          label="Move back"
          pending={redrive.isPending}
          pendingLabel="Moving…"
          triggerSize="sm"
          disabled={!preview.data?.total}
          title="Move the dead letters back?"
          description={
            preview.data
              ? `${plural(preview.data.total, "job")} go back to ${preview.data.destinations.map((d) => `${d.name} (${d.count})`).join(", ") || "no queue"} as new jobs${preview.data.unroutable ? `; ${preview.data.unroutable} cannot be routed and stay` : ""}.`
              : "Each goes back to the queue it failed on, as a new job."
          }
          confirmLabel="Move back"
          onConfirm={() => redrive.mutate({ queue })}
        />
      ) : (
        <ConfirmAction
          icon={RotateCw}
          label="Retry all failed"
          pending={retryFailed.isPending}
          pendingLabel="Retrying…"
          triggerSize="sm"
          disabled={!failed}
          title={`Retry ${plural(failed, "failed job")}?`}
          description="Each gets one more attempt now. Jobs with side effects (mail, webhooks) may repeat them."
          confirmLabel="Retry all"
          onConfirm={() => retryFailed.mutate({ queue })}
        />
      )}
      {error && (
        <p role="alert" className="text-xs text-destructive">
          {messageOf(error)}
        </p>
      )}
      {done && (
        <p role="status" className="text-xs text-muted-foreground">
          {done}
        </p>
      )}
    </div>
  );
}
