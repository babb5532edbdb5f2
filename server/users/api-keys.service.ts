import "server-only";
import { recordAudit } from "../admin/audit";
import { generateApiKey, scopesAllowedFor } from "../auth/api-keys";
import { API_SCOPES, type ApiScope } from "../auth/api-scopes";
import { ConflictError, ForbiddenError, NotFoundError } from "../errors";
import { apiKeySelect, type CreateApiKeyInput, MAX_ACTIVE_API_KEYS } from "./api-keys.schemas";
import type { UserCtx } from "./users.service";

const DAY_MS = 24 * 3600 * 1000;

/** The audit trail's picture of a key: what it may do and until when, never its secret. */
const auditView = (key: { name: string; prefix: string; scopes: string[]; expiresAt: Date | null }) => ({
  name: key.name,
  prefix: key.prefix,
  scopes: key.scopes,
  expiresAt: key.expiresAt,
});

/** The caller's keys, newest first, with the scopes they may grant (staff scopes for staff only). */
export async function listApiKeys(ctx: UserCtx) {
  const keys = await ctx.db.apiKey.findMany({
    where: { userId: ctx.user.id },
    orderBy: { createdAt: "desc" },
    select: apiKeySelect,
    take: 200,
  });
  const grantable = scopesAllowedFor(ctx.user.role).map((scope) => ({ scope, label: API_SCOPES[scope].label }));
  return { keys, grantable };
}

/**
 * Creates a key and returns its secret, the only time anyone sees it. Scopes beyond the caller's
 * role are refused (FORBIDDEN naming `scopes`), as is an account already holding
 * MAX_ACTIVE_API_KEYS live keys; the key and its audit entry are written together.
 */
export async function createApiKey(ctx: UserCtx, input: CreateApiKeyInput, now = new Date()) {
  const allowed = new Set<ApiScope>(scopesAllowedFor(ctx.user.role));
  const refused = input.scopes.filter((scope) => !allowed.has(scope));
  if (refused.length)
    throw new ForbiddenError("SCOPE_NOT_GRANTABLE", `Only staff may grant ${refused.join(", ")}.`, {
      field: "scopes",
      scopes: refused,
    });
  const { secret, prefix, secretHash } = generateApiKey();
  const expiresAt = input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * DAY_MS) : null;
  const key = await ctx.db.$transaction(async (tx) => {
    // The owner's row, locked: two concurrent creations cannot both pass the count.
    await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${ctx.user.id} FOR UPDATE`;
    const active = await tx.apiKey.count({
      where: { userId: ctx.user.id, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    });
    if (active >= MAX_ACTIVE_API_KEYS)
      throw new ConflictError(
        "TOO_MANY_API_KEYS",
        `An account may hold ${MAX_ACTIVE_API_KEYS} active keys; revoke one you no longer use first.`,
        { limit: MAX_ACTIVE_API_KEYS },
      );
    const created = await tx.apiKey.create({
      data: { userId: ctx.user.id, name: input.name, prefix, secretHash, scopes: input.scopes, expiresAt },
      select: apiKeySelect,
    });
    await recordAudit(tx, ctx, [
      { action: "apiKey.create", entity: "ApiKey", entityId: created.id, after: auditView(created) },
    ]);
    return created;
  });
  ctx.log.info({ apiKeyId: key.id, scopes: key.scopes }, "api key created");
  return { key, secret };
}

/** The caller's own key; NOT_FOUND for anyone else's, so ids reveal nothing. */
async function requireApiKeyOwner(ctx: UserCtx, apiKeyId: string) {
  const key = await ctx.db.apiKey.findFirst({ where: { id: apiKeyId, userId: ctx.user.id }, select: apiKeySelect });
  if (!key) throw new NotFoundError("API_KEY_NOT_FOUND", "No such API key.", { field: "apiKeyId" });
  return key;
}

/** Revokes the caller's key at once (the next request with it is 401); revoking twice is a no-op. */
export async function revokeApiKey(ctx: UserCtx, apiKeyId: string) {
  const key = await requireApiKeyOwner(ctx, apiKeyId);
  if (key.revokedAt) return key;
  return ctx.db.$transaction(async (tx) => {
    const revoked = await tx.apiKey.update({
      where: { id: key.id },
      data: { revokedAt: new Date() },
      select: apiKeySelect,
    });
    await recordAudit(tx, ctx, [
      {
        action: "apiKey.revoke",
        entity: "ApiKey",
        entityId: key.id,
        before: auditView(key),
        after: { revokedAt: revoked.revokedAt },
      },
    ]);
    return revoked;
  });
}
