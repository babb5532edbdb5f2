import type { Metadata } from "next";
import { PageHeader } from "~/app/_components/admin/page-header";
import { KNOWLEDGE_PAGE_SIZE } from "~/server/knowledge/knowledge.schemas";
import { api, HydrateClient } from "~/app/_trpc/server";
import { getEnv } from "~/server/env";
import { requireRolePage } from "../_lib/guard";
import { DocumentsTable } from "./documents-table";
import { UploadForm } from "./upload-form";

export const metadata: Metadata = { title: "Knowledge base" };

export default async function AdminKnowledgePage() {
  await requireRolePage("STAFF", "/admin/knowledge");
  void api.knowledge.list.prefetchInfinite({ limit: KNOWLEDGE_PAGE_SIZE });

  return (
    <>
      <PageHeader
        title="Knowledge base"
        description="The documents the assistant answers from and cites. Uploads are indexed in the background; help-centre articles come from the shop's source, so they can be re-indexed here but not deleted."
      />
      <HydrateClient>
        <UploadForm maxMegabytes={getEnv().KNOWLEDGE_MAX_UPLOAD_MB} />
        <DocumentsTable />
      </HydrateClient>
    </>
  );
}
