import "server-only";
import { ADMIN_PAGE_SIZE, pageOf } from "../admin/admin.schemas";
import { recordAudit } from "../admin/audit";
import type { Role } from "../auth/roles";
import { revokeAllSessions } from "../auth/session-store";
import type { Prisma } from "../db/client";
import { ForbiddenError } from "../errors";
import type { UserCtx } from "./users.service";

const adminUserSelect = { id: true, email: true, name: true, role: true, disabledAt: true, createdAt: true } as const;

export async function adminListUsers(
  ctx: UserCtx,
  input: {
    page: number;
    sort: "email" | "name" | "role" | "createdAt";
    direction: "asc" | "desc";
    q?: string;
    role?: Role;
  },
) {
  const where: Prisma.UserWhereInput = {
    ...(input.role && { role: input.role }),
    ...(input.q && {
      OR: [{ email: { contains: input.q.toLowerCase() } }, { name: { contains: input.q, mode: "insensitive" } }],
    }),
  };
  const [items, total] = await ctx.db.$transaction([
    ctx.db.user.findMany({
      where,
      orderBy: [{ [input.sort]: input.direction }, { id: "asc" }],
      skip: (input.page - 1) * ADMIN_PAGE_SIZE,
      take: ADMIN_PAGE_SIZE,
      select: { ...adminUserSelect, _count: { select: { orders: true } } },
    }),
    ctx.db.user.count({ where }),
  ]);
  return pageOf(items, total, input.page);
}

/** ADMIN only (enforced by the router). Admins cannot demote themselves: someone must stay admin. */
export async function setUserRole(ctx: UserCtx, input: { userId: string; role: Role }) {
  if (input.userId === ctx.user.id)
    throw new ForbiddenError("CANNOT_CHANGE_OWN_ROLE", "You cannot change your own role; ask another admin.", {
      field: "role",
    });
  return ctx.db.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: input.userId }, select: adminUserSelect });
    const after = await tx.user.update({
      where: { id: input.userId },
      data: { role: input.role },
      select: adminUserSelect,
    });
    await recordAudit(tx, ctx, [
      {
        action: "user.role",
        entity: "User",
        entityId: after.id,
        before: { role: before.role },
        after: { role: after.role },
      },
    ]);
    ctx.log.info({ targetUserId: after.id, from: before.role, to: after.role }, "user role changed");
    return after;
  });
}

/**
 * ADMIN only (enforced by the router). Disabling refuses sign-in and revokes every session of the
 * account in the same transaction as the change and its audit entry; enabling lets it sign in
 * again (no session comes back). Nobody disables themselves: someone must stay able to undo it.
 */
export async function setUserDisabled(ctx: UserCtx, input: { userId: string; disabled: boolean }) {
  if (input.userId === ctx.user.id)
    throw new ForbiddenError("CANNOT_DISABLE_SELF", "You cannot disable your own account; ask another admin.", {
      field: "userId",
    });
  return ctx.db.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: input.userId }, select: adminUserSelect });
    const after = await tx.user.update({
      where: { id: input.userId },
      data: { disabledAt: input.disabled ? (before.disabledAt ?? new Date()) : null },
      select: adminUserSelect,
    });
    const revokedSessions = input.disabled ? await revokeAllSessions(tx, after.id) : 0;
    await recordAudit(tx, ctx, [
      {
        action: input.disabled ? "user.disable" : "user.enable",
        entity: "User",
        entityId: after.id,
        before: { disabledAt: before.disabledAt },
        after: { disabledAt: after.disabledAt, revokedSessions },
      },
    ]);
    ctx.log.info({ targetUserId: after.id, disabled: input.disabled, revokedSessions }, "user access changed");
    return after;
  });
}
