import type { Metadata } from "next";
import { PageHeader } from "~/app/_components/admin/page-header";
import { api, HydrateClient } from "~/app/_trpc/server";
import { hasRole } from "~/server/auth/roles";
import { requireRolePage } from "../_lib/guard";
import { JobsOverview } from "./jobs-overview";

export const metadata: Metadata = { title: "Jobs" };

export default async function AdminJobsPage() {
  const user = await requireRolePage("STAFF", "/admin/jobs");
  void api.jobs.overview.prefetch();
  void api.jobs.schedules.prefetch();

  return (
    <>
      <PageHeader
        title="Jobs"
        description="The background queues: what is waiting, running and failing, the last hour, and the scheduled jobs. Staff can look; admins can retry, cancel, delete and pause."
      />
      <HydrateClient>
        <JobsOverview isAdmin={hasRole(user, "ADMIN")} />
      </HydrateClient>
    </>
  );
}
