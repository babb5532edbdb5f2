import "server-only";
import type { Prisma } from "../db/client";
import type { UserCtx } from "../users/users.service";
import { currentCorrelationId } from "../observability/request-context";

export interface AuditEntry {
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** Decimal and Date become strings, as in the API. */
const asJson = (value: unknown) =>
  value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue);

/** Records a back-office write inside the transaction that makes it: no write without its trail. */
export async function recordAudit(tx: Prisma.TransactionClient, ctx: Pick<UserCtx, "user">, entries: AuditEntry[]) {
  if (!entries.length) return;
  await tx.auditLog.createMany({
    data: entries.map((e) => ({
      actorId: ctx.user.id,
      action: e.action,
      entity: e.entity,
      entityId: e.entityId,
      before: asJson(e.before),
      after: asJson(e.after),
      correlationId: currentCorrelationId() ?? null,
    })),
  });
}
