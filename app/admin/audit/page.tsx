import type { Metadata } from "next";
import { PageHeader } from "~/app/_components/admin/page-header";
import { toSearchParams, withQuery, type SearchParamsRecord } from "~/app/_components/admin/search-params";
import { api, HydrateClient } from "~/app/_trpc/server";
import { requireRolePage } from "../_lib/guard";
import { auditListInput } from "./audit-params";
import { AuditTable } from "./audit-table";

export const metadata: Metadata = { title: "Audit log" };

export default async function AdminAuditPage({ searchParams }: { searchParams: Promise<SearchParamsRecord> }) {
  const record = await searchParams;
  await requireRolePage("STAFF", withQuery("/admin/audit", record));
  void api.admin.audit.list.prefetch(auditListInput(toSearchParams(record)));

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change made in the back office, newest first: who, when, and what it was before and after."
      />
      <HydrateClient>
        <AuditTable />
      </HydrateClient>
    </>
  );
}
