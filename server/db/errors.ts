import { NotFoundError, UnavailableError, ValidationError, type AppError } from "../errors";

/**
 * The one place that reads Prisma, driver-adapter and `pg` errors. Prisma 7 with adapter-pg
 * reports a failure in several wrappings (a Prisma error whose meta carries the adapter's error,
 * the adapter's error itself, or a raw `pg` error), so each rule looks at every layer. Matching is
 * by name and code rather than `instanceof`: Next's bundle and plain Node load separate copies of
 * the Prisma runtime.
 */

/** Adapter error kinds of a database that is not there right now (not of a wrong query). */
const UNREACHABLE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout"]);
/** Prisma: can't reach (P1001), timed out (P1002, P1008), server closed the connection (P1017). */
const UNREACHABLE_PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017"]);
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN"]);
/** SQLSTATEs of a server that is restarting or shutting down (57P01–57P04) or lost the connection (class 08). */
const UNREACHABLE_SQLSTATE = /^(08|57P0[1-4])/;
/**
 * Busy rather than gone: pool timeout (P2024), a transaction that could not start in time (P2028),
 * out of connections or resources (class 53), a transaction broken to avoid a deadlock or a
 * serialisation failure (40P01, 40001). A retry in a moment usually succeeds.
 */
const BUSY_PRISMA_CODES = new Set(["P2024", "P2028"]);
const BUSY_SQLSTATE = /^(53|40001|40P01)/;
/** Text PostgreSQL cannot store (22021: NUL byte; 22P05: untranslatable character). */
const INVALID_TEXT_SQLSTATE = new Set(["22021", "22P05"]);
/**
 * Other values PostgreSQL refuses (class 22: out of range, too long, not a valid number/date/
 * uuid). Inputs are validated before SQL, so reaching here means a schema is too loose; still
 * the caller sent it, and it is a 400, not our 500.
 */
const DATA_EXCEPTION_SQLSTATE = /^22/;
/** pg's own words when its pool has no connection free in time, or when a connection died. */
const POOL_TIMEOUT = /timeout exceeded when trying to connect/i;
const CONNECTION_LOST =
  /Connection terminated|terminating connection|Connection ended|not queryable|Client has encountered a connection error|Can't reach database/i;

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

const isBusy = (l: Layer) =>
  l.kind === "TooManyConnections" ||
  BUSY_PRISMA_CODES.has(String(l.code)) ||
  BUSY_SQLSTATE.test(sqlState(l) ?? "") ||
  POOL_TIMEOUT.test(l.message ?? "");

const isUnreachable = (l: Layer) =>
  UNREACHABLE_KINDS.has(l.kind ?? "") ||
  UNREACHABLE_PRISMA_CODES.has(String(l.code)) ||
  SOCKET_CODES.has(String(l.code)) ||
  UNREACHABLE_SQLSTATE.test(sqlState(l) ?? "") ||
  CONNECTION_LOST.test(l.message ?? "");

/** The AppError a database failure means for the caller, or null when it is not one (a bug: 500). */
export function appErrorFromDatabase(error: unknown): AppError | null {
  const layers = layersOf(error);
  // A socket error is the database's only when Prisma or pg wrapped it (not SMTP's, not a model API's).
  const pgPool = layers.some((l) => POOL_TIMEOUT.test(l.message ?? "") || CONNECTION_LOST.test(l.message ?? ""));
  if (!pgPool && !layers.some(fromDatabase)) return null;

  if (layers.some((l) => l.code === "P2025"))
    return new NotFoundError("NOT_FOUND", "This item no longer exists; reload and try again.");
  if (layers.some((l) => INVALID_TEXT_SQLSTATE.has(sqlState(l) ?? "")))
    return new ValidationError("INVALID_TEXT", "Text must not contain NUL bytes or unpaired surrogates.", "input");
  if (layers.some((l) => DATA_EXCEPTION_SQLSTATE.test(sqlState(l) ?? "")))
    return new ValidationError(
      "INVALID_VALUE",
      "A value is out of range or malformed; check the input and try again.",
      "input",
    );
  if (layers.some(isBusy))
    return new UnavailableError("DATABASE_BUSY", "The shop is very busy right now; please try again in a moment.", {
      retryAfterSeconds: 2,
    });
  if (layers.some(isUnreachable))
    return new UnavailableError(
      "DATABASE_UNAVAILABLE",
      "The shop cannot reach its database right now; please try again in a few seconds.",
      { retryAfterSeconds: 5 },
    );
  return null;
}

/** A unique constraint refused the write (P2002): services say which business rule that is. */
export const isUniqueViolation = (error: unknown) => layersOf(error).some((l) => l.code === "P2002");

/** A foreign key refused the write (P2003): the row it points at does not exist. */
export const isForeignKeyViolation = (error: unknown) => layersOf(error).some((l) => l.code === "P2003");

/**
 * For an error known to come from a database client (pg-boss's own pool, say): the database is
 * away or overloaded right now, rather than the query wrong. The same rules as the 503s above.
 */
export const isDatabaseUnavailable = (error: unknown) => layersOf(error).some((l) => isUnreachable(l) || isBusy(l));
