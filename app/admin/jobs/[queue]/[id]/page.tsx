import type { Metadata } from "next";
import { PageHeader } from "~/app/_components/admin/page-header";
import { api, HydrateClient } from "~/app/_trpc/server";
import { hasRole } from "~/server/auth/roles";
import { requireRolePage } from "../../../_lib/guard";
import { JobDetail } from "./job-detail";

export const metadata: Metadata = { title: "Job" };

export default async function AdminJobPage({ params }: { params: Promise<{ queue: string; id: string }> }) {
  const { queue: rawQueue, id } = await params;
  const queue = decodeURIComponent(rawQueue);
  const user = await requireRolePage("STAFF", `/admin/jobs/${encodeURIComponent(queue)}/${encodeURIComponent(id)}`);
  void api.jobs.detail.prefetch({ queue, jobId: id });

  return (
    <>
      <PageHeader title="Job" description={`In ${queue}. Secrets in its payload and error are redacted.`} />
      <HydrateClient>
        <JobDetail queue={queue} jobId={id} isAdmin={hasRole(user, "ADMIN")} />
      </HydrateClient>
    </>
  );
}
