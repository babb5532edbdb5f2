import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "~/app/_components/admin/page-header";
import { toSearchParams, withQuery, type SearchParamsRecord } from "~/app/_components/admin/search-params";
import { api, HydrateClient } from "~/app/_trpc/server";
import { hasRole } from "~/server/auth/roles";
import { consoleQueueNames } from "~/server/jobs/jobs-console.service";
import { requireRolePage } from "../../_lib/guard";
import { queueJobsInput } from "./queue-params";
import { QueueJobs } from "./queue-jobs";

export const metadata: Metadata = { title: "Queue" };

export default async function AdminQueuePage({
  params,
  searchParams,
}: {
  params: Promise<{ queue: string }>;
  searchParams: Promise<SearchParamsRecord>;
}) {
  const queue = decodeURIComponent((await params).queue);
  const record = await searchParams;
  const user = await requireRolePage("STAFF", withQuery(`/admin/jobs/${encodeURIComponent(queue)}`, record));
  if (!consoleQueueNames().includes(queue)) notFound();
  void api.jobs.byQueue.prefetch(queueJobsInput(queue, toSearchParams(record)));

  return (
    <>
      <PageHeader
        title={queue}
        description={
          queue.endsWith(".dead")
            ? "Jobs that failed every attempt in their queue. Move them back to run them again."
            : "This queue's jobs, newest first. Open one for its payload, error and timings."
        }
      />
      <HydrateClient>
        <QueueJobs queue={queue} isAdmin={hasRole(user, "ADMIN")} />
      </HydrateClient>
    </>
  );
}
