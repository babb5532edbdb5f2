"use client";

import { ArrowLeft } from "lucide-react";
import type { Route } from "next";
import Link from "next/link";
import { ApiErrorAlert } from "~/app/_components/api-error-alert";
import { Card, CardContent, CardHeader, CardTitle } from "~/app/_components/ui/card";
import { api, type RouterOutputs } from "~/app/_trpc/react";
import { JobStateBadge, Moment } from "../../job-format";
import { LiveBadge } from "../../live-badge";
import { useJobsLive } from "../../use-jobs-live";
import { JobActions } from "./job-actions";

type Job = RouterOutputs["jobs"]["detail"];

export function JobDetail({ queue, jobId, isAdmin }: { queue: string; jobId: string; isAdmin: boolean }) {
  const live = useJobsLive(queue);
  const job = api.jobs.detail.useQuery({ queue, jobId }, { retry: false });
  const back = `/admin/jobs/${encodeURIComponent(queue)}` as Route;

  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <Link href={back} className="flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
          <ArrowLeft aria-hidden className="size-4" /> {queue}
        </Link>
        <LiveBadge status={live} />
      </div>
      {job.error && <ApiErrorAlert error={job.error} />}
      {job.data && <JobCard job={job.data} isAdmin={isAdmin} />}
    </div>
  );
}

function JobCard({ job, isAdmin }: { job: Job; isAdmin: boolean }) {
  return (
    <div className="grid gap-4">
      <Card>
        <CardHeader className="flex-row flex-wrap items-center justify-between gap-3">
          <div className="grid gap-1">
            <CardTitle className="font-mono text-base">{job.id}</CardTitle>
            <p className="flex items-center gap-2 text-sm" data-testid="job-state">
              <JobStateBadge state={job.state} />
              <span className="text-muted-foreground">
                Retries {job.attempts.retryCount} of {job.attempts.retryLimit}
                {job.attempts.retryLimit > 0 &&
                  ` · ${job.attempts.retryDelay} s apart${job.attempts.retryBackoff ? ", backing off" : ""}`}
              </span>
            </p>
          </div>
          {isAdmin && <JobActions job={job} />}
        </CardHeader>
        <CardContent>
          <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
            <Fact label="Created">
              <Moment value={job.timings.createdOn} />
            </Fact>
            <Fact label="Runs from">
              <Moment value={job.timings.startAfter} />
            </Fact>
            <Fact label="Started">
              <Moment value={job.timings.startedOn} />
            </Fact>
            <Fact label="Finished">
              <Moment value={job.timings.completedOn} />
            </Fact>
            <Fact label="Kept until">
              <Moment value={job.timings.keepUntil} />
            </Fact>
            <Fact label="Correlation ID">
              {job.correlationId ? (
                <span className="flex flex-wrap items-center gap-2">
                  <code className="font-mono text-xs">{job.correlationId}</code>
                  <Link
                    href={`/admin/audit?correlationId=${encodeURIComponent(job.correlationId)}` as Route}
                    className="text-xs text-primary underline-offset-4 hover:underline"
                  >
                    Back-office changes of this request
                  </Link>
                </span>
              ) : (
                <span className="text-muted-foreground">None (started by a schedule)</span>
              )}
            </Fact>
            <Fact label="Policy">{job.policy ?? "standard"}</Fact>
            {job.source && (
              <Fact label="Dead-lettered from">
                <Link
                  href={`/admin/jobs/${encodeURIComponent(job.source.queue)}/${job.source.jobId}` as Route}
                  className="font-mono text-xs text-primary underline-offset-4 hover:underline"
                >
                  {job.source.queue} / {job.source.jobId}
                </Link>
              </Fact>
            )}
          </dl>
        </CardContent>
      </Card>
      {(job.error ?? job.source?.error) && <ErrorCard error={(job.error ?? job.source?.error)!} />}
      <JsonCard title="Payload" value={job.payload} />
      {job.output !== null && !job.error && <JsonCard title="Output" value={job.output} />}
    </div>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="min-w-0 [overflow-wrap:anywhere]">{children}</dd>
    </>
  );
}

function ErrorCard({ error }: { error: NonNullable<Job["error"]> }) {
  return (
    <Card aria-labelledby="job-error">
      <CardHeader>
        <CardTitle id="job-error">Error</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-3">
        <p className="text-sm font-medium text-destructive" data-testid="job-error-message">
          {error.name}: {error.message}
        </p>
        {error.stack && (
          <pre className="max-h-96 overflow-auto rounded-md bg-muted p-3 font-mono text-xs" aria-label="Stack trace">
            {error.stack}
          </pre>
        )}
      </CardContent>
    </Card>
  );
}

function JsonCard({ title, value }: { title: string; value: unknown }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
      </CardHeader>
      <CardContent>
        <pre className="max-h-96 overflow-auto rounded-md bg-muted p-3 font-mono text-xs" aria-label={title}>
          {JSON.stringify(value, null, 2)}
        </pre>
      </CardContent>
    </Card>
  );
}
