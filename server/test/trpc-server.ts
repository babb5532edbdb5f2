/**
 * The tRPC router on the Node fast path and nothing else, as its own process, for tests that need
 * several real server processes on one database (server/api/rate-limits.processes.test.ts) without
 * a Next.js build. Serves on PORT and says so in one log line.
 */
import { createServer } from "node:http";
import { createTrpcNodeHandler } from "../api/http";
import { getEnv } from "../env";
import { getLogger } from "../observability/logger";
import { handleNodeRequest } from "../observability/http";

const handler = createTrpcNodeHandler();
const server = createServer((req, res) => handleNodeRequest(req, res, () => handler(req, res)));
server.listen(getEnv().PORT, "127.0.0.1", () =>
  getLogger().info({ port: getEnv().PORT }, "trpc test server listening"),
);
process.on("SIGTERM", () => server.close(() => process.exit(0)));
