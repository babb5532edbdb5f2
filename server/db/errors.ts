import { NotFoundError, UnavailableError, ValidationError, type AppError } from "../errors";

/**
 * The one place that reads Prisma, driver-adapter and `pg` errors. Prisma 7 with adapter-pg
 * reports a failure in several wrappings (a Prisma error whose meta carries the adapter's error,
 * the adapter's error itself, or a raw `pg` error), so each rule looks at every layer. Matching is
 * by name and code rather than `instanceof`: Next's bundle and plain Node load separate copies of
 * the Prisma runtime.
 */

/** Adapter error kinds that mean "the database is not there right now", not "the query is wrong". */
const UNAVAILABLE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "TooManyConnections", "SocketTimeout"]);
/** Prisma: can't reach (P1001), timed out (P1002, P1008), connection closed (P1017), pool timeout (P2024), transaction could not start in time (P2028). */
const UNAVAILABLE_PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028"]);
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN"]);
/**
 * PostgreSQL SQLSTATEs of a server that is restarting, shutting down, out of connections or
 * resources (classes 08, 53, 57P0x), or that broke a transaction to avoid a deadlock (40001, 40P01):
 * all transient, worth a retry.
 */
const TRANSIENT_SQLSTATE = /^(08|53|57P0[1-4]|40001|40P01)/;
/** Text PostgreSQL cannot store (22021: NUL byte; 22P05: untranslatable character). */
const INVALID_TEXT_SQLSTATE = new Set(["22021", "22P05"]);
const POOL_MESSAGES =
  /timeout exceeded when trying to connect|Connection terminated|connection .*closed|Can't reach database/i;

interface Layer {
  name?: string;
  code?: unknown;
  message?: string;
  kind?: string;
  originalCode?: string;
}

/** Every wrapping of one failure: the error, its causes, and the adapter error Prisma keeps in meta. */
function layersOf(error: unknown): Layer[] {
  const layers: Layer[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === "object"; depth++) {
    const value = current as Layer & { cause?: unknown; meta?: { driverAdapterError?: { cause?: Layer } } };
    layers.push(value);
    const adapterCause = value.meta?.driverAdapterError?.cause;
    if (adapterCause) layers.push(adapterCause);
    current = value.cause;
  }
  return layers;
}

const sqlState = (layer: Layer) =>
  layer.originalCode ?? (typeof layer.code === "string" && /^[0-9A-Z]{5}$/.test(layer.code) ? layer.code : undefined);

const fromDatabase = (l: Layer) =>
  Boolean(l.name?.startsWith("Prisma") || l.name === "DriverAdapterError" || l.name === "DatabaseError" || l.kind);

/** The AppError a database failure means for the caller, or null when it is not one (a bug: 500). */
export function appErrorFromDatabase(error: unknown): AppError | null {
  const layers = layersOf(error);
  // A raw socket error is the database's only when it arrived wrapped by Prisma or pg (not SMTP's, not a model API's).
  const poolFailure = layers.some((l) => POOL_MESSAGES.test(l.message ?? ""));
  if (!poolFailure && !layers.some(fromDatabase)) return null;

  if (layers.some((l) => l.code === "P2025"))
    return new NotFoundError("NOT_FOUND", "This item no longer exists; reload and try again.");
  if (layers.some((l) => INVALID_TEXT_SQLSTATE.has(sqlState(l) ?? "")))
    return new ValidationError("INVALID_TEXT", "Text must not contain NUL bytes or unpaired surrogates.", "input");
  const unavailable =
    poolFailure ||
    layers.some(
      (l) =>
        UNAVAILABLE_KINDS.has(l.kind ?? "") ||
        UNAVAILABLE_PRISMA_CODES.has(String(l.code)) ||
        SOCKET_CODES.has(String(l.code)) ||
        TRANSIENT_SQLSTATE.test(sqlState(l) ?? ""),
    );
  if (unavailable)
    return new UnavailableError(
      "DATABASE_UNAVAILABLE",
      "The shop cannot reach its database right now; please try again in a few seconds.",
      { retryAfterSeconds: 5 },
    );
  return null;
}
