import { z } from "zod";
import { idInput, pageInput, searchQueryInput, sortDirectionInput } from "../inputs";

/** Back-office tables show this many rows per page. */
export const ADMIN_PAGE_SIZE = 25;

/** Page, sort column and direction of a back-office table; `columns` are the sortable ones. */
export function adminTableInput<const C extends readonly [string, ...string[]]>(columns: C, defaultSort: C[number]) {
  return z.strictObject({
    page: pageInput,
    sort: z.enum(columns).default(defaultSort),
    direction: sortDirectionInput,
    q: searchQueryInput.optional(),
  });
}

export function pageOf<T>(items: T[], total: number, page: number) {
  return { items, total, page, pageSize: ADMIN_PAGE_SIZE, pageCount: Math.max(1, Math.ceil(total / ADMIN_PAGE_SIZE)) };
}

export const idsInput = z
  .array(idInput)
  .min(1, { error: "Select at least one row." })
  .max(500, { error: "Select at most 500 rows at a time." });

/** What the audit log records writes to; the log's filter offers these. */
export const auditEntities = [
  "Product",
  "Category",
  "Order",
  "User",
  "Review",
  "KnowledgeDocument",
  "WebhookEndpoint",
  "ApiKey",
  "Job",
  "Queue",
  "JobSchedule",
  "SupportThread",
] as const;
