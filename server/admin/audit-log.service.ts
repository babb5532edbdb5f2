import "server-only";
import type { UserCtx } from "../users/users.service";
import { ADMIN_PAGE_SIZE, pageOf } from "./admin.schemas";

/** The audit trail, newest first; optionally one entity type, one row or one request. */
export async function listAuditLog(
  ctx: UserCtx,
  input: { page: number; entity?: string; entityId?: string; correlationId?: string },
) {
  const where = {
    ...(input.entity && { entity: input.entity }),
    ...(input.entityId && { entityId: input.entityId }),
    // The writes one request made (the jobs console links a job's correlation ID here).
    ...(input.correlationId && { correlationId: input.correlationId }),
  };
  const [items, total] = await ctx.db.$transaction([
    ctx.db.auditLog.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (input.page - 1) * ADMIN_PAGE_SIZE,
      take: ADMIN_PAGE_SIZE,
      select: {
        id: true,
        action: true,
        entity: true,
        entityId: true,
        before: true,
        after: true,
        correlationId: true,
        createdAt: true,
        actor: { select: { id: true, email: true, name: true } },
      },
    }),
    ctx.db.auditLog.count({ where }),
  ]);
  return pageOf(items, total, input.page);
}
