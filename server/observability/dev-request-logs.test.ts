import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { freePort } from "../db/embedded-postgres";
import { killGroup, productionEnv, sleep, startProcess, type AppProcess } from "../test/processes";

/**
 * `npm run dev` (server/main.ts --dev on tsx) as a real process: each request is logged once, by
 * our JSON line, with no plain-text line of Next's own beside it (next.config.ts `logging`).
 */

let app: AppProcess | undefined;
afterEach(() => killGroup(app));

describe("development request logs", () => {
  it("one JSON line per request, through Next or the fast path, and no plain-text request line", async () => {
    const port = await freePort();
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "shopwise-dev-logs-"));
    app = startProcess(
      process.execPath,
      ["--import", "tsx", "server/main.ts", "--dev"],
      productionEnv({
        NODE_ENV: "development",
        TSX_TSCONFIG_PATH: "server/tsconfig.node.json",
        PORT: String(port),
        JOBS_WORKER: "external",
        DATA_DIR: dataDir,
      }),
    );
    try {
      await app.waitForLine((l) => l.msg === "Shopwise is ready", 90_000);
      const base = `http://127.0.0.1:${port}`;
      // A Next route handler (compiled on first request in dev), then the server's own fast path.
      // Next writes its line after the response has gone: wait for it, so the order is the requests'.
      expect((await fetch(`${base}/api/auth/csrf`)).status).toBe(200);
      await app.waitForLine((l) => l.msg === "request" && l.path === "/api/auth/csrf");
      expect((await fetch(`${base}/api/health`)).status).toBe(200);
      await app.waitForLine((l) => l.msg === "request" && l.path === "/api/health");
      await sleep(500); // a second line for either request, if there were one, would be here by now
      const requestLines = app.lines.filter((l) => l.msg === "request").map((l) => `${l.method} ${l.path} ${l.status}`);
      expect(requestLines).toEqual(["GET /api/auth/csrf 200", "GET /api/health 200"]);
      expect(app.raw.filter((line) => /\b(GET|POST|HEAD)\s+\/\S*/.test(line))).toEqual([]);
    } finally {
      process.kill(app.pid, "SIGTERM");
      await app.exited;
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
