import "server-only";
import { hasRole, type SessionUser } from "../auth/roles";
import { recordAudit } from "../admin/audit";
import type { Db, Prisma } from "../db/client";
import { ConflictError, ForbiddenError, NotFoundError } from "../errors";
import type { UserCtx } from "../users/users.service";
import { encryptSecret } from "./secret-storage";
import { generateWebhookSecret } from "./signing";
import { redactWebhookUrl, requireAllowedWebhookUrl } from "./webhook-url";
import {
  MAX_WEBHOOK_ENDPOINTS,
  webhookEndpointSelect,
  type CreateWebhookEndpointInput,
  type UpdateWebhookEndpointInput,
} from "./webhooks.schemas";

type Tx = Prisma.TransactionClient;
type EndpointRow = Prisma.WebhookEndpointGetPayload<{ select: typeof webhookEndpointSelect }>;

/** An endpoint as its owner sees it. */
const toEndpointView = (row: EndpointRow) => ({ ...row, enabled: row.disabledAt === null });
export type WebhookEndpointView = ReturnType<typeof toEndpointView>;

/**
 * What the audit log keeps of an endpoint: never its secret, and not its full URL either (Slack
 * or Zapier URLs carry a secret in the path): the origin and a hash that tells URLs apart.
 */
const auditable = (row: EndpointRow) => ({
  ...redactWebhookUrl(row.url),
  events: row.events,
  description: row.description,
  receivesAllOrders: row.receivesAllOrders,
  enabled: row.disabledAt === null,
});

/**
 * Only a caller acting as staff may ask for every customer's orders. The acting role, not the
 * account's: an API key with a customer scope acts as a customer (ctx.user.role is CUSTOMER).
 * Turning it off is anyone's right.
 */
function assertMayReceiveAllOrders(user: SessionUser, receivesAllOrders: boolean | undefined) {
  if (receivesAllOrders && !hasRole(user, "STAFF"))
    throw new ForbiddenError(
      "WEBHOOK_ALL_ORDERS_STAFF_ONLY",
      "Only staff can register an endpoint that receives every customer's orders.",
      { field: "receivesAllOrders" },
    );
}

/**
 * The endpoint, if `user` owns it; everyone else (staff too: an endpoint is a developer's own
 * integration) gets NOT_FOUND. The one ownership check of webhook endpoints and their deliveries.
 */
export async function requireWebhookEndpointOwner(db: Db | Tx, user: SessionUser, endpointId: string) {
  const endpoint = await db.webhookEndpoint.findFirst({
    where: { id: endpointId, userId: user.id },
    select: webhookEndpointSelect,
  });
  if (!endpoint) throw new NotFoundError("WEBHOOK_ENDPOINT_NOT_FOUND", "We could not find this webhook endpoint.");
  return endpoint;
}

export async function listWebhookEndpoints(ctx: UserCtx) {
  const rows = await ctx.db.webhookEndpoint.findMany({
    where: { userId: ctx.user.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: MAX_WEBHOOK_ENDPOINTS,
    select: webhookEndpointSelect,
  });
  return rows.map(toEndpointView);
}

/**
 * Registers an endpoint and returns it with its signing secret: the only time the secret is
 * shown (it is stored encrypted; rollWebhookSecret issues a new one).
 */
export async function createWebhookEndpoint(ctx: UserCtx, input: CreateWebhookEndpointInput) {
  assertMayReceiveAllOrders(ctx.user, input.receivesAllOrders);
  const url = await requireAllowedWebhookUrl(input.url);
  const secret = generateWebhookSecret();
  const endpoint = await ctx.db.$transaction(async (tx) => {
    // Serialises one account's creations, so two at once cannot both pass the cap.
    await tx.$executeRaw`SELECT 1 FROM "User" WHERE id = ${ctx.user.id} FOR UPDATE`;
    const count = await tx.webhookEndpoint.count({ where: { userId: ctx.user.id } });
    if (count >= MAX_WEBHOOK_ENDPOINTS)
      throw new ConflictError(
        "WEBHOOK_ENDPOINT_LIMIT",
        `An account may register at most ${MAX_WEBHOOK_ENDPOINTS} webhook endpoints; delete one first.`,
        { limit: MAX_WEBHOOK_ENDPOINTS },
      );
    const row = await tx.webhookEndpoint.create({
      data: {
        userId: ctx.user.id,
        url,
        events: input.events,
        description: input.description || null,
        receivesAllOrders: input.receivesAllOrders ?? false,
        secretCiphertext: encryptSecret(secret),
      },
      select: webhookEndpointSelect,
    });
    await recordAudit(tx, ctx, [
      { action: "webhook.create", entity: "WebhookEndpoint", entityId: row.id, after: auditable(row) },
    ]);
    return row;
  });
  ctx.log.info(
    { endpointId: endpoint.id, events: endpoint.events, receivesAllOrders: endpoint.receivesAllOrders },
    "webhook endpoint created",
  );
  return { endpoint: toEndpointView(endpoint), secret };
}

/** Changes what was sent (url, events, description, receivesAllOrders); audited in its transaction. */
export async function updateWebhookEndpoint(ctx: UserCtx, input: UpdateWebhookEndpointInput) {
  assertMayReceiveAllOrders(ctx.user, input.receivesAllOrders);
  const url = input.url === undefined ? undefined : await requireAllowedWebhookUrl(input.url);
  return changeEndpoint(ctx, input.endpointId, "webhook.update", {
    ...(url !== undefined && { url }),
    ...(input.events && { events: input.events }),
    ...(input.description !== undefined && { description: input.description || null }),
    ...(input.receivesAllOrders !== undefined && { receivesAllOrders: input.receivesAllOrders }),
  });
}

/** Disables (it receives nothing; pending retries fail) or enables an endpoint. */
export async function setWebhookEndpointEnabled(ctx: UserCtx, input: { endpointId: string; enabled: boolean }) {
  const now = new Date();
  return changeEndpoint(
    ctx,
    input.endpointId,
    input.enabled ? "webhook.enable" : "webhook.disable",
    input.enabled ? { enabledAt: now, disabledAt: null } : { disabledAt: now },
  );
}

async function changeEndpoint(
  ctx: UserCtx,
  endpointId: string,
  action: string,
  data: Prisma.WebhookEndpointUpdateInput,
) {
  const after = await ctx.db.$transaction(async (tx) => {
    const before = await requireWebhookEndpointOwner(tx, ctx.user, endpointId);
    const row = await tx.webhookEndpoint.update({ where: { id: before.id }, data, select: webhookEndpointSelect });
    await recordAudit(tx, ctx, [
      { action, entity: "WebhookEndpoint", entityId: row.id, before: auditable(before), after: auditable(row) },
    ]);
    return row;
  });
  ctx.log.info({ endpointId, action }, "webhook endpoint changed");
  return toEndpointView(after);
}

/**
 * Replaces the signing secret at once and returns the new one (shown this once). Deliveries
 * from now on, retries included, are signed with it.
 */
export async function rollWebhookSecret(ctx: UserCtx, input: { endpointId: string }) {
  const secret = generateWebhookSecret();
  await ctx.db.$transaction(async (tx) => {
    const endpoint = await requireWebhookEndpointOwner(tx, ctx.user, input.endpointId);
    await tx.webhookEndpoint.update({ where: { id: endpoint.id }, data: { secretCiphertext: encryptSecret(secret) } });
    await recordAudit(tx, ctx, [{ action: "webhook.roll-secret", entity: "WebhookEndpoint", entityId: endpoint.id }]);
  });
  ctx.log.info({ endpointId: input.endpointId }, "webhook secret rolled");
  return { secret };
}

/** Deletes the endpoint with its deliveries (queued attempts then find nothing and stop). */
export async function deleteWebhookEndpoint(ctx: UserCtx, input: { endpointId: string }) {
  await ctx.db.$transaction(async (tx) => {
    const endpoint = await requireWebhookEndpointOwner(tx, ctx.user, input.endpointId);
    await tx.webhookEndpoint.delete({ where: { id: endpoint.id } });
    await recordAudit(tx, ctx, [
      { action: "webhook.delete", entity: "WebhookEndpoint", entityId: endpoint.id, before: auditable(endpoint) },
    ]);
  });
  ctx.log.info({ endpointId: input.endpointId }, "webhook endpoint deleted");
  return { endpointId: input.endpointId };
}
