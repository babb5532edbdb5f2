import type { inferRouterInputs } from "@trpc/server";
import { readEnum, readPage, readText } from "~/app/_components/admin/search-params";
import { auditEntities } from "~/server/admin/admin.schemas";
import type { AppRouter } from "~/server/api/root";

type AuditListInput = inferRouterInputs<AppRouter>["admin"]["audit"]["list"];

export { auditEntities };

/** The audit log's query from its URL: ?entity=&entityId=&correlationId=&page= (always newest first). */
export function auditListInput(params: URLSearchParams) {
  return {
    page: readPage(params),
    entity: readEnum(params, "entity", auditEntities),
    entityId: readText(params, "entityId", 100),
    correlationId: readText(params, "correlationId", 128),
  } satisfies AuditListInput;
}
