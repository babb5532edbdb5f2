"use client";

import { Pause, Play, Zap } from "lucide-react";
import type { Route } from "next";
import Link from "next/link";
import { Badge } from "~/app/_components/admin/badge";
import { DataTable, Td, Th, Tr } from "~/app/_components/admin/table";
import { TableBody } from "~/app/_components/admin/table-state";
import { messageOf } from "~/app/_lib/api-errors";
import { api, type RouterOutputs } from "~/app/_trpc/react";
import { ConfirmAction } from "~/app/_components/ui/confirm-action";
import { JobStateBadge, Moment } from "./job-format";

type Schedule = RouterOutputs["jobs"]["schedules"][number];

/** The scheduled jobs: cron, zone, last and next run; admins pause, resume and run them now. */
export function SchedulesTable({ isAdmin }: { isAdmin: boolean }) {
  const schedules = api.jobs.schedules.useQuery();
  return (
    <section aria-labelledby="schedules-heading" className="grid gap-3">
      <h2 id="schedules-heading" className="text-lg font-semibold">
        Schedules
      </h2>
      <DataTable caption="Scheduled jobs">
        <thead>
          <tr>
            <Th>Job</Th>
            <Th>Cron</Th>
            <Th>Status</Th>
            <Th>Last run</Th>
            <Th>Next run</Th>
            {isAdmin && <Th>Actions</Th>}
          </tr>
        </thead>
        <TableBody
          query={{ ...schedules, data: schedules.data && { items: schedules.data } }}
          columns={isAdmin ? 6 : 5}
          empty="No scheduled jobs"
        >
          {(items) => items.map((s) => <ScheduleRow key={s.queue} schedule={s} isAdmin={isAdmin} />)}
        </TableBody>
      </DataTable>
    </section>
  );
}

function ScheduleRow({ schedule, isAdmin }: { schedule: Schedule; isAdmin: boolean }) {
  const href = `/admin/jobs/${encodeURIComponent(schedule.queue)}`;
  return (
    <Tr data-schedule={schedule.queue}>
      <Td className="whitespace-nowrap">
        <Link
          href={href as Route}
          className="font-mono text-xs font-medium text-primary underline-offset-4 hover:underline"
        >
          {schedule.queue}
        </Link>
      </Td>
      <Td className="whitespace-nowrap">
        <code className="font-mono text-xs">{schedule.cron}</code>
        <span className="ml-2 text-xs text-muted-foreground">{schedule.timezone}</span>
      </Td>
      <Td>{schedule.paused ? <Badge tone="danger">Paused</Badge> : <Badge tone="success">Running</Badge>}</Td>
      <Td className="whitespace-nowrap">
        {schedule.lastRun ? (
          <Link href={`${href}/${schedule.lastRun.jobId}` as Route} className="flex items-center gap-2 hover:underline">
            <Moment value={schedule.lastRun.createdOn} />
            <JobStateBadge state={schedule.lastRun.state} />
          </Link>
        ) : (
          <span className="text-muted-foreground">Never</span>
        )}
      </Td>
      <Td className="whitespace-nowrap" data-next-run>
        <Moment value={schedule.nextRun} />
      </Td>
      {isAdmin && (
        <Td>
          <ScheduleActions schedule={schedule} />
        </Td>
      )}
    </Tr>
  );
}

function ScheduleActions({ schedule }: { schedule: Schedule }) {
  const utils = api.useUtils();
  const onSettled = () => void utils.jobs.invalidate();
  const pause = api.jobs.pauseSchedule.useMutation({ onSettled });
  const resume = api.jobs.resumeSchedule.useMutation({ onSettled });
  const runNow = api.jobs.runScheduleNow.useMutation({ onSettled });
  const error = pause.error ?? resume.error ?? runNow.error;
  const input = { queue: schedule.queue };
  return (
    <div className="grid justify-items-start gap-1">
      <div className="flex flex-wrap gap-2">
        {schedule.paused ? (
          <ConfirmAction
            icon={Play}
            label="Resume"
            pending={resume.isPending}
            pendingLabel="Resuming…"
            triggerSize="sm"
            title={`Resume ${schedule.queue}?`}
            description={`It runs again on its schedule (${schedule.cron} ${schedule.timezone}).`}
            confirmLabel="Resume schedule"
            onConfirm={() => resume.mutate(input)}
          />
        ) : (
          <ConfirmAction
            icon={Pause}
            label="Pause"
            pending={pause.isPending}
            pendingLabel="Pausing…"
            triggerSize="sm"
            title={`Pause ${schedule.queue}?`}
            description="It stops running on its schedule, also after restarts and deploys, until someone resumes it. Run now still works."
            confirmLabel="Pause schedule"
            destructive
            onConfirm={() => pause.mutate(input)}
          />
        )}
        <ConfirmAction
          icon={Zap}
          label="Run now"
          pending={runNow.isPending}
          pendingLabel="Queueing…"
          triggerSize="sm"
          title={`Run ${schedule.queue} now?`}
          description="One run is queued at once, besides the schedule."
          confirmLabel="Run now"
          onConfirm={() => runNow.mutate(input)}
        />
      </div>
      {error && (
        <p role="alert" className="max-w-56 text-xs text-destructive">
          {messageOf(error)}
        </p>
      )}
      {runNow.data && (
        <p role="status" className="text-xs text-muted-foreground">
          Run queued.
        </p>
      )}
    </div>
  );
}
