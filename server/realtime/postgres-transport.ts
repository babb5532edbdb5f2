import "server-only";
import pg from "pg";
import { db } from "../db/client";
import { withTimeout } from "../timeout";
import { parseEnvelope, reconnectDelayMs, type Envelope, type Listener, type ListenerEvents } from "./transport";

/**
 * The bus over PostgreSQL LISTEN/NOTIFY. A notification is delivered to every session of the same
 * database that listens, at the sender's commit. Its payload must stay under 8000 bytes: a larger
 * envelope is stored in "BusMessage" and the notification carries its id instead.
 */
export const PG_CHANNEL = "shopwise_bus";
export const MAX_NOTIFY_BYTES = 7_900;
const HEARTBEAT_MS = 15_000;

/**
 * Publishes on the app's pool, every envelope in one statement (delivered in this order); each
 * inline when small enough, else by reference.
 */
export async function publishPostgres(envelopes: readonly Envelope[]) {
  const payloads: string[] = [];
  let stored = false;
  for (const envelope of envelopes) {
    const payload = JSON.stringify(envelope);
    if (Buffer.byteLength(payload) <= MAX_NOTIFY_BYTES) {
      payloads.push(payload);
      continue;
    }
    const row = await db.busMessage.create({
      data: { channel: envelope.channel, payload: envelope as object },
      select: { id: true },
    });
    payloads.push(JSON.stringify({ ref: row.id.toString() }));
    stored = true;
  }
  await db.$executeRaw`SELECT pg_notify(${PG_CHANNEL}, p) FROM unnest(${payloads}::text[]) WITH ORDINALITY AS t(p, n) ORDER BY n`;
  // Listeners read a stored message within milliseconds; an hour is for a slow one to catch up.
  // Housekeeping, after the notification: it must not stop one.
  if (stored)
    await db.$executeRaw`DELETE FROM "BusMessage" WHERE "createdAt" < now() - interval '1 hour'`.catch(() => {});
}

/**
 * One dedicated connection that LISTENs; when it drops (a database restart, a network cut, a
 * heartbeat that gets no answer) it is replaced, with backoff, and LISTENs again.
 */
export function listenPostgres(url: string, events: ListenerEvents): Listener {
  let client: pg.Client | undefined;
  let closed = false;
  let attempt = 0;
  let retry: NodeJS.Timeout | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  // Stored messages are read asynchronously: one chain keeps the publish order.
  let chain = Promise.resolve();

  const receive = (c: pg.Client, payload: string) => {
    chain = chain.then(async () => {
      const ref = /^\{"ref":"(\d+)"\}$/.exec(payload)?.[1];
      if (!ref) {
        const envelope = parseEnvelope(payload);
        return void (envelope && events.onMessage(envelope));
      }
      const { rows } = await c.query<{ payload: Envelope }>(`SELECT payload FROM "BusMessage" WHERE id = $1`, [ref]);
      const envelope = rows[0] && parseEnvelope(JSON.stringify(rows[0].payload));
      if (envelope) events.onMessage(envelope);
    });
    chain = chain.catch(() => {}); // a lost connection: the resync after reconnecting covers it
  };

  const drop = (c: pg.Client, error?: unknown) => {
    if (client !== c) return;
    client = undefined;
    clearInterval(heartbeat);
    void c.end().catch(() => {});
    if (closed) return;
    events.onState("reconnecting", error);
    schedule();
  };

  const schedule = () => {
    retry = setTimeout(() => void connect(), reconnectDelayMs(attempt++));
    retry.unref();
  };

  const connect = async () => {
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000, keepAlive: true });
    c.on("error", (error) => drop(c, error));
    c.on("end", () => drop(c, new Error("connection ended")));
    c.on("notification", (n) => {
      if (n.channel === PG_CHANNEL && n.payload) receive(c, n.payload);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${PG_CHANNEL}`);
    } catch {
      void c.end().catch(() => {});
      if (!closed) schedule();
      return;
    }
    if (closed) return void c.end().catch(() => {});
    client = c;
    attempt = 0;
    // A silent network cut does not close the socket: a query that gets no answer does.
    heartbeat = setInterval(() => {
      withTimeout(c.query("SELECT 1"), 5_000).catch((error: unknown) => drop(c, error));
    }, HEARTBEAT_MS);
    heartbeat.unref();
    events.onState("listening");
  };

  void connect();
  return {
    async close() {
      closed = true;
      clearTimeout(retry);
      clearInterval(heartbeat);
      const c = client;
      client = undefined;
      await c?.end().catch(() => {});
    },
  };
}
