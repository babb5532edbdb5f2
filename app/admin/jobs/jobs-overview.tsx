"use client";

import type { Route } from "next";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ApiErrorAlert } from "~/app/_components/api-error-alert";
import { FilterBar, SearchBox } from "~/app/_components/admin/filter-bar";
import { formatCount } from "~/app/_components/admin/format";
import { DataTable, Td, Th, Tr } from "~/app/_components/admin/table";
import { TableBody } from "~/app/_components/admin/table-state";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/app/_components/ui/card";
import { api, type RouterOutputs } from "~/app/_trpc/react";
import { JOB_STATES } from "~/server/jobs/jobs-console.schemas";
import { formatAge, percent, STATE_LABELS } from "./job-format";
import { LiveBadge } from "./live-badge";
import { SchedulesTable } from "./schedules-table";
import { ThroughputChart } from "./throughput-chart";
import { useJobsLive } from "./use-jobs-live";

type QueueRow = RouterOutputs["jobs"]["overview"]["queues"][number];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const queueHref = (queue: string) => `/admin/jobs/${encodeURIComponent(queue)}` as Route;

export function JobsOverview({ isAdmin }: { isAdmin: boolean }) {
  const live = useJobsLive();
  const overview = api.jobs.overview.useQuery();
  const queues = overview.data?.queues;
  const total = queues?.[0]?.lastHour.buckets.map((b, i) => ({
    start: b.start,
    completed: queues.reduce((s, q) => s + q.lastHour.buckets[i]!.completed, 0),
    failed: queues.reduce((s, q) => s + q.lastHour.buckets[i]!.failed, 0),
  }));

  return (
    <div className="grid gap-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <JobSearch />
        <LiveBadge status={live} />
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Last hour, every queue</CardTitle>
          <CardDescription>Jobs finished per 5 minutes: completed (green) and failed for good (red).</CardDescription>
        </CardHeader>
        <CardContent>{total && <ThroughputChart buckets={total} label="All queues" size="lg" />}</CardContent>
      </Card>
      <DataTable caption="Queues with their jobs by state" busy={overview.isFetching && !overview.isPending}>
        <thead>
          <tr>
            <Th>Queue</Th>
            {JOB_STATES.map((state) => (
              <Th key={state} className="text-right">
                {STATE_LABELS[state].label}
              </Th>
            ))}
            <Th>Last hour</Th>
            <Th className="text-right">Failure rate</Th>
            <Th className="text-right">Oldest waiting</Th>
          </tr>
        </thead>
        <TableBody query={{ ...overview, data: queues && { items: queues } }} columns={10} empty="No queues">
          {(items) => items.map((queue) => <QueueTableRow key={queue.name} queue={queue} />)}
        </TableBody>
      </DataTable>
      <SchedulesTable isAdmin={isAdmin} />
    </div>
  );
}

function QueueTableRow({ queue }: { queue: QueueRow }) {
  return (
    <Tr data-queue={queue.name}>
      <Td className="whitespace-nowrap">
        <Link
          href={queueHref(queue.name)}
          className="font-mono text-xs font-medium text-primary underline-offset-4 hover:underline"
        >
          {queue.name}
        </Link>
        {queue.deadLetter && <p className="text-xs text-muted-foreground">Dead letters</p>}
        {!queue.exists && <p className="text-xs text-muted-foreground">Not created yet</p>}
      </Td>
      {JOB_STATES.map((state) => (
        <Td key={state} data-state={state} className="text-right tabular-nums">
          {queue.counts[state] ? (
            <Link
              href={`${queueHref(queue.name)}?state=${state}` as Route}
              className="underline-offset-4 hover:underline"
            >
              {formatCount(queue.counts[state])}
            </Link>
          ) : (
            <span className="text-muted-foreground">0</span>
          )}
        </Td>
      ))}
      <Td>
        <ThroughputChart buckets={queue.lastHour.buckets} label={queue.name} />
      </Td>
      <Td className="text-right tabular-nums">{percent(queue.lastHour.failureRate)}</Td>
      <Td className="text-right whitespace-nowrap tabular-nums">
        {queue.deadLetter || queue.oldestWaitingSeconds === null ? "—" : formatAge(queue.oldestWaitingSeconds)}
      </Td>
    </Tr>
  );
}

/** Finds a job by its id in any queue and opens it. */
function JobSearch() {
  const router = useRouter();
  const utils = api.useUtils();
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const search = async (value: string) => {
    setMessage(null);
    setError(null);
    if (!value) return;
    // The box searches as one types: say so only once the text is as long as an id.
    if (!UUID.test(value)) return value.length >= 36 ? setMessage("That is not a job id (a UUID).") : undefined;
    try {
      const found = await utils.jobs.find.fetch({ jobId: value });
      if (found) router.push(`${queueHref(found.queue)}/${found.jobId}` as Route);
      else setMessage("No job has this id (finished jobs are deleted after a while).");
    } catch (e) {
      setError(e);
    }
  };
  return (
    <FilterBar label="Find a job" className="max-w-xl flex-1">
      <SearchBox label="Job id" placeholder="Paste a job id" value="" onSearch={(v) => void search(v)} />
      {message && (
        <p role="status" className="basis-full text-sm text-muted-foreground">
          {message}
        </p>
      )}
      {error !== null && <ApiErrorAlert error={error as never} className="basis-full" />}
    </FilterBar>
  );
}
