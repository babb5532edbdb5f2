/**
 * The whole order as the raw limit server runs it: the statements a Shopwise checkout sends (read off
 * a real one), in the same order, through plain `pg`. Those Prisma writes for us (the session, the
 * product read, the order, the webhook lookup) are hand-written equivalents; the rest is the same
 * SQL. Nothing else: no validation, no cookie decoding (the session id comes in the body), no rate
 * limits, no framework, no logs, no job worker. What is left is what any stack pays on this database
 * for the order issue 14 defines. The happy path only: no replay reads, no webhook deliveries.
 */
import { randomBytes, randomUUID } from "node:crypto";
import type pg from "pg";
// pg-boss's own insert (no `exports` map: the file is importable), so the job row is the one send() writes.
import { insertJobs } from "pg-boss/dist/plans.js";
import { productChangeTags } from "../catalog/catalog.schemas";
import { PG_CHANNEL } from "../realtime/postgres-transport";
import { ALL_ORDERS_ROLES } from "../webhooks/delivery-access";

/** sendOrderConfirmation's queue (server/jobs/send-order-confirmation.ts). */
export const CONFIRMATION_JOB = "mail.order-confirmation";
/** ORDER_PAYMENT_TIMEOUT_MINUTES' default. */
const PAYMENT_WINDOW_MS = 30 * 60_000;

export interface RawCheckout {
  sessionId: string;
  idempotencyKey: string;
  productId: string;
  quantity: number;
}

const newId = () => `c${randomBytes(12).toString("hex")}`;

/** The SQL of the job insert for the confirmation mail's queue, as pg-boss builds it. */
async function jobInsertSql(pool: pg.Pool) {
  const { rows } = await pool.query<{ table_name: string }>(`SELECT table_name FROM pgboss.queue WHERE name = $1`, [
    CONFIRMATION_JOB,
  ]);
  if (!rows[0]) throw new Error(`pg-boss has no queue ${CONFIRMATION_JOB}: start Shopwise on this database first`);
  return insertJobs("pgboss", { table: rows[0].table_name, name: CONFIRMATION_JOB, returnId: true });
}

/**
 * In createOrder's order (server/orders/orders.service.ts): findSessionUser, the product read,
 * lockAccountForCheckout, readAccountHoldings, insertOrder, enqueue, emitOrderEvents' lookup,
 * reserveStock, then announceProductChanges.
 */
export function rawCheckout(pool: pg.Pool) {
  let jobSql: Promise<string> | undefined;
  return async (order: RawCheckout) => {
    // Before a client is held: ten transactions waiting for the pool to read this would never end.
    const insertJob = await (jobSql ??= jobInsertSql(pool));
    const { rows: sessions } = await pool.query(
      `SELECT s."userId", s.expires, u.name, u.role, u."disabledAt" FROM "Session" s JOIN "User" u ON u.id = s."userId"
       WHERE s."sessionToken" = $1`,
      [order.sessionId],
    );
    const user = sessions[0];
    if (!user || user.disabledAt || user.expires <= new Date()) return { status: 401 };
    const { rows: products } = await pool.query(
      `SELECT id, slug, name, price, stock, active FROM "Product" WHERE id = ANY($1::text[]) ORDER BY name, id`,
      [[order.productId]],
    );
    const product = products[0];
    if (!product?.active || product.stock < order.quantity) return { status: 409 };

    const client = await pool.connect();
    let committed: { orderId: string; total: string; stock: number };
    let failure: Error | undefined;
    try {
      await client.query("BEGIN");
      await client.query(`SELECT id FROM "User" WHERE id = $1 FOR NO KEY UPDATE`, [user.userId]);
      const { rows: holdings } = await client.query(
        `WITH holding AS (
           SELECT id FROM "Order" WHERE "userId" = $1 AND status = 'PENDING' AND ("expiresAt" IS NULL OR "expiresAt" > $2))
         SELECT
           (SELECT id FROM "Order" WHERE "userId" = $1 AND "idempotencyKey" = $3) AS "winnerId",
           (SELECT count(*)::int FROM holding) AS "pendingOrders",
           (SELECT coalesce(json_object_agg(h."productId", h.units), '{}'::json) FROM (
             SELECT i."productId", sum(i.quantity)::int AS units FROM "OrderItem" i JOIN holding o ON o.id = i."orderId"
             WHERE i."productId" = ANY($4::text[]) GROUP BY i."productId") h) AS "heldUnits"`,
        [user.userId, new Date(), order.idempotencyKey, [order.productId]],
      );
      if (holdings[0].winnerId) {
        await client.query("COMMIT");
        return { status: 200, orderId: holdings[0].winnerId };
      }
      const orderId = newId();
      const now = new Date();
      const total = (Number(product.price) * order.quantity).toFixed(2);
      await client.query(
        `INSERT INTO "Order" (id, "userId", status, total, "idempotencyKey", "requestHash", "expiresAt", "createdAt", "updatedAt")
         VALUES ($1, $2, 'PENDING', $3, $4, $5, $6, $7, $7)
         RETURNING id, "userId", status::text, total, "expiresAt", "paidAt", "shippedAt", "deliveredAt", "cancelledAt",
                   "cancelReason", "createdAt", "updatedAt"`,
        [
          orderId,
          user.userId,
          total,
          order.idempotencyKey,
          randomUUID(),
          new Date(now.getTime() + PAYMENT_WINDOW_MS),
          now,
        ],
      );
      await client.query(
        `INSERT INTO "OrderItem" (id, "orderId", "productId", "productName", "unitPrice", quantity)
         SELECT line.id, $1, line."productId", line."productName", line."unitPrice", line.quantity
         FROM unnest($2::text[], $3::text[], $4::text[], $5::numeric[], $6::int[])
           AS line(id, "productId", "productName", "unitPrice", quantity)`,
        [orderId, [newId()], [product.id], [product.name], [product.price], [order.quantity]],
      );
      await client.query(insertJob, [JSON.stringify([{ data: { payload: { orderId } } }])]);
      await client.query(
        `SELECT e.id FROM "WebhookEndpoint" e JOIN "User" u ON u.id = e."userId"
         WHERE e."disabledAt" IS NULL AND e.events @> $1 AND u."disabledAt" IS NULL
           AND (e."userId" = $2 OR (e."receivesAllOrders" AND u.role::text = ANY($3::text[])))
         ORDER BY e."createdAt"`,
        [["order.created"], user.userId, ALL_ORDERS_ROLES],
      );
      const { rows: locked } = await client.query(
        `SELECT id, slug, name, price, stock, active FROM "Product" WHERE id = ANY($1::text[]) ORDER BY id FOR NO KEY UPDATE`,
        [[order.productId]],
      );
      if (locked[0].stock < order.quantity) {
        await client.query("ROLLBACK");
        return { status: 409 };
      }
      await client.query(
        `UPDATE "Product" p SET stock = p.stock + v.delta
         FROM (SELECT unnest($1::text[]) AS id, unnest($2::int[]) AS delta) v WHERE p.id = v.id`,
        [[order.productId], [-order.quantity]],
      );
      await client.query("COMMIT");
      committed = { orderId, total, stock: locked[0].stock - order.quantity };
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      failure = error as Error;
      throw error;
    } finally {
      client.release(failure);
    }
    // After the commit, as ours: the order stands whether or not its announcements go out.
    await announce(pool, { ...committed, product, customer: user.name }).catch(() => {});
    return { status: 200, orderId: committed.orderId };
  };
}

/** The live events and the bus message of a placed order (recordLive and publishAll in ours). */
async function announce(
  pool: pg.Pool,
  order: { orderId: string; total: string; stock: number; product: { id: string; slug: string }; customer: string },
) {
  const { orderId, total, stock, product } = order;
  const events = [
    { topic: "orders.new", key: "", data: { orderId, total, itemCount: 1, customer: order.customer } },
    { topic: "product.stock", key: product.id, data: { productId: product.id, stock, active: true } },
  ];
  const { rows: stored } = await pool.query(
    `INSERT INTO "LiveEvent" (topic, key, data, "createdAt")
     SELECT e.topic, e.key, e.data, now() AT TIME ZONE 'UTC' FROM unnest($1::text[], $2::text[], $3::jsonb[]) AS e(topic, key, data)
     RETURNING id, "createdAt"`,
    [events.map((e) => e.topic), events.map((e) => e.key), events.map((e) => JSON.stringify(e.data))],
  );
  const messages = [
    { channel: "cache.invalidate", data: { tags: productChangeTags(product) } },
    {
      channel: "live.events",
      data: { events: events.map((e, i) => ({ id: stored[i].id, ...e, at: stored[i].createdAt.toISOString() })) },
    },
  ];
  await pool.query(`SELECT pg_notify($1, p) FROM unnest($2::text[]) WITH ORDINALITY AS t(p, n) ORDER BY n`, [
    PG_CHANNEL,
    messages.map((m) => JSON.stringify({ ...m, origin: "raw" })),
  ]);
}
