/**
 * Self-hosted entry (`npm run dev`, `npm start`): prepares the database, then serves
 * /api/trpc/*, /api/v1/* reads and /api/health* through plain Node handlers (the fast path) and everything else
 * through Next.js. On Vercel the same router is served by app/api/trpc/[trpc]/route.ts.
 */
import "./source-maps";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { prepareRuntime } from "./boot";
import { getEnv, loadEnvFiles } from "./env";
import { getLogger } from "./observability/logger";

const dev = process.argv.includes("--dev");
// Before anything reads it: Next and our env module both key behaviour off NODE_ENV.
(process.env as Record<string, string>).NODE_ENV ??= dev ? "development" : "production";
process.env.SHOPWISE_SELF_HOSTED = "true";
// Offline-friendly by default; operators may opt in by setting it to 0.
process.env.NEXT_TELEMETRY_DISABLED ??= "1";
loadEnvFiles(dev);

// From the first line: a signal during start-up (migrations, Next, workers) waits for start-up to
// finish and then stops cleanly, instead of killing the process and orphaning embedded PostgreSQL.
let pendingSignal: string | undefined;
let onSignal = (signal: string) => void (pendingSignal ??= signal);
process.on("SIGTERM", () => onSignal("SIGTERM"));
process.on("SIGINT", () => onSignal("SIGINT"));

const bootStarted = performance.now();
let runtime: Awaited<ReturnType<typeof prepareRuntime>>;
try {
  runtime = await prepareRuntime();
} catch (error) {
  getLogger().fatal({ err: error }, "start-up failed");
  console.error(`\n${(error as Error).message}\n`);
  process.exit(1);
}

const env = getEnv();
const log = getLogger();
const { startTracing, stopTracing } = await import("./observability/tracing-setup");
startTracing(); // before Next: its instrumentation.ts then finds it started
const { default: next } = await import("next");
const { handleNodeRequest } = await import("./observability/http");
const { liveness, markShuttingDown, readiness } = await import("./observability/health");
const { createTrpcNodeHandler, malformedPath, sendError } = await import("./api/http");
const { createRestNodeHandler } = await import("./api/rest");
const { startWorkers, stopWorkers } = await import("./jobs/workers");
const { expectQueueStop, getBoss } = await import("./jobs/queue");
const { startBus, stopBus } = await import("./realtime/bus");
const { closeLiveStreams } = await import("./realtime/live");

// Before serving: writes on other instances evict this one's cache from the first request on.
await startBus();
const app = next({ dev, turbopack: dev, dir: process.cwd(), hostname: env.HOST, port: env.PORT });
await app.prepare();
const nextHandler = app.getRequestHandler();
const trpcHandler = createTrpcNodeHandler();
const restHandler = createRestNodeHandler();

// In-process workers share the web process's database pool (10 connections) with requests: a
// backlog of mail must not take it over, so each queue runs at most 4 jobs at once here (two mail
// queues: 8); `npm run worker` runs the full defaults.
if (env.JOBS_WORKER === "in-process") await startWorkers({ concurrency: 4 });
else await getBoss(); // enqueue only; `npm run worker` processes the jobs

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "Content-Type": "application/json", "Cache-Control": "no-store" });
  res.end(JSON.stringify(body));
}

async function route(req: IncomingMessage, res: ServerResponse) {
  // Without a trusted proxy in front, a client-sent X-Forwarded-For is a lie the IP throttles
  // must not believe: replace it with the peer address.
  if (!env.TRUST_PROXY) req.headers["x-forwarded-for"] = req.socket.remoteAddress;
  const path = (req.url ?? "/").split("?")[0]!;
  // A path that does not percent-decode is the client's mistake (400), not Next's 500.
  const badPath = malformedPath(path);
  if (badPath) return sendError(res, badPath);
  // Every tRPC and REST call takes the fast path: pages read the same in-process cache the
  // procedures do, which the bus invalidates everywhere, so no write needs Next's request (ADR 024).
  if (path.startsWith("/api/trpc/")) return trpcHandler(req, res);
  if (path.startsWith("/api/v1/")) return restHandler(req, res);
  if (path === "/api/health") return sendJson(res, 200, liveness());
  if (path === "/api/health/ready") {
    const { httpStatus, body } = await readiness();
    return sendJson(res, httpStatus, body);
  }
  return nextHandler(req, res);
}

const server = createServer((req, res) =>
  handleNodeRequest(req, res, () => route(req, res).catch((error: unknown) => sendError(res, error))),
);
if (dev) server.on("upgrade", app.getUpgradeHandler()); // hot reload websocket
server.keepAliveTimeout = 65_000;
let shuttingDown = false;
// Responses in flight, so a shutdown can tell their connections to close once they end.
const inFlight = new Set<ServerResponse>();
server.prependListener("request", (_req: IncomingMessage, res: ServerResponse) => {
  if (shuttingDown) res.setHeader("Connection", "close");
  inFlight.add(res);
  res.once("close", () => inFlight.delete(res));
});

await new Promise<void>((resolve) => server.listen(env.PORT, env.HOST, resolve));
const url = `http://localhost:${env.PORT}`;
log.info(
  { url, host: env.HOST, dev, startupMs: Math.round(performance.now() - bootStarted), jobs: env.JOBS_WORKER },
  "Shopwise is ready",
);
if (env.NODE_ENV === "production" && !env.SMTP_URL)
  log.warn("SMTP_URL is not set: mail stays in the outbox table and is not delivered");
if (env.DEV_MAILBOX && !["127.0.0.1", "localhost", "::1"].includes(env.HOST))
  log.warn({ host: env.HOST }, "the dev mailbox is on and reachable from other hosts; set DEV_MAILBOX=false");
if (runtime.demoAccounts.length) {
  console.log(`\n  Shopwise is running at ${url}\n  Demo accounts (embedded database):`);
  for (const a of runtime.demoAccounts)
    console.log(`    ${a.role.toLowerCase().padEnd(8)} ${a.email}  password: ${a.password}`);
  console.log("");
}

/**
 * Readiness answers 503 at once; the listener closes; every response from now on (and every one
 * in flight whose headers are not out) says `Connection: close`, so a busy keep-alive client
 * cannot hold the process; connections that go idle are closed as they do. Requests and jobs
 * get SHUTDOWN_GRACE_SECONDS, then the database closes.
 */
async function shutdown(signal: string) {
  // npm forwards the terminal's Ctrl-C, so the same signal may arrive twice: ignore repeats.
  if (shuttingDown) return;
  shuttingDown = true;
  markShuttingDown();
  expectQueueStop();
  const graceMs = env.SHUTDOWN_GRACE_SECONDS * 1000;
  const started = Date.now();
  log.info({ signal, graceSeconds: env.SHUTDOWN_GRACE_SECONDS, inFlight: inFlight.size }, "shutting down");
  setTimeout(() => {
    // Only a database call still blocked (a job's query waiting on a lock) gets here; its job has
    // been failed for a retry already, and exiting drops the connection and its lock wait.
    log.warn("grace period over with a database call still blocked; exiting");
    process.exit(1);
  }, graceMs + 3_000).unref();
  for (const res of inFlight) if (!res.headersSent) res.setHeader("Connection", "close");
  // Subscriptions never end by themselves: end them now, and their clients reconnect and resume
  // (on another instance, or on this one restarted) from their last event id.
  closeLiveStreams();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  const sweep = setInterval(() => server.closeIdleConnections(), 100);
  const graceOver = setTimeout(() => {
    log.warn({ inFlight: inFlight.size }, "grace period over: closing connections still busy");
    server.closeAllConnections();
  }, graceMs);
  // Requests first: one still in flight may enqueue a job, so the queue stays up until they end
  // (running jobs carry on meanwhile); then jobs get what is left of the grace, less 2 s for the pools.
  await closed;
  clearInterval(sweep);
  clearTimeout(graceOver);
  await stopWorkers(Math.max(1000, graceMs - (Date.now() - started) - 2000));
  await app.close().catch(() => {});
  const { closeMailTransports } = await import("./mail/mail.service");
  closeMailTransports();
  await stopBus();
  const { db } = await import("./db/client");
  await db.$disconnect();
  // After a Ctrl-C PostgreSQL got the signal too and may be gone already.
  await runtime.embedded?.stop().catch((error: unknown) => log.warn({ err: error }, "embedded PostgreSQL stop"));
  log.info("stopped");
  await stopTracing();
  process.exit(0);
}
onSignal = (signal) => void shutdown(signal);
if (pendingSignal) onSignal(pendingSignal);
