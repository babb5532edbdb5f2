/**
 * An app instance without Next.js, for process tests that run before `next build`
 * (server/realtime/instances.test.ts): what server/main.ts serves on its fast path — every tRPC
 * call, /api/health and /api/health/ready — with the event bus and, unless JOBS_WORKER=external,
 * in-process job workers. Pages read the same in-process cache these procedures fill, so the bus
 * behaviour is the one a full instance has. Says "Shopwise is ready" like main.ts.
 */
import { createServer, type ServerResponse } from "node:http";
import { createTrpcNodeHandler } from "../api/http";
import { getEnv } from "../env";
import { liveness, readiness } from "../observability/health";
import { handleNodeRequest } from "../observability/http";
import { getLogger } from "../observability/logger";
import { startBus, stopBus } from "../realtime/bus";
import { closeLiveStreams } from "../realtime/live";
import { getBoss } from "../jobs/queue";
import { startWorkers, stopWorkers } from "../jobs/workers";

const env = getEnv();
await startBus();
if (env.JOBS_WORKER === "in-process") await startWorkers({ concurrency: 4 });
else await getBoss();

const trpc = createTrpcNodeHandler();
const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { "Content-Type": "application/json" });
  res.end(JSON.stringify(body));
};
const server = createServer((req, res) =>
  handleNodeRequest(req, res, async () => {
    const path = (req.url ?? "/").split("?")[0]!;
    if (path.startsWith("/api/trpc/")) return trpc(req, res);
    if (path === "/api/health") return json(res, 200, liveness());
    if (path === "/api/health/ready") {
      const { httpStatus, body } = await readiness();
      return json(res, httpStatus, body);
    }
    json(res, 404, { error: "not served by the test instance" });
  }),
);
server.listen(env.PORT, "127.0.0.1", () =>
  getLogger().info({ port: env.PORT, jobs: env.JOBS_WORKER }, "Shopwise is ready"),
);
process.on("SIGTERM", () => {
  closeLiveStreams(); // as main.ts does: open subscriptions end, their clients reconnect elsewhere
  server.close();
  void stopWorkers(2_000)
    .then(stopBus)
    .finally(() => process.exit(0));
});
