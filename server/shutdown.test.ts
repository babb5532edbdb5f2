import http from "node:http";
import { chmod, mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { freePort } from "./db/embedded-postgres";
import { killGroup, productionEnv, sleep, startProcess, type AppProcess } from "./test/processes";

/**
 * server/main.ts as a real process on this file's database, stopped with SIGTERM while a
 * keep-alive client keeps it busy. The production build is not made in unit tests (the e2e job
 * builds), so the server runs with --dev; the shutdown path is the same code.
 */

let app: AppProcess | undefined;
afterEach(() => killGroup(app));

type Reply = { status: number; connection: string | undefined; at: number };

/** One GET on the given agent; resolves with the status and the Connection header. */
function get(agent: http.Agent, url: string) {
  return new Promise<Reply>((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode!, connection: res.headers.connection, at: Date.now() }));
      })
      .on("error", reject);
  });
}

describe("server shutdown", () => {
  it("SIGTERM with a busy keep-alive client: readiness 503, Connection: close, exit within the grace period", async () => {
    const port = await freePort();
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "shopwise-shutdown-"));
    app = startProcess(
      process.execPath,
      ["--import", "tsx", "server/main.ts", "--dev"],
      productionEnv({
        NODE_ENV: "development",
        TSX_TSCONFIG_PATH: "server/tsconfig.node.json",
        PORT: String(port),
        JOBS_WORKER: "external",
        DATA_DIR: dataDir,
        SHUTDOWN_GRACE_SECONDS: "10",
      }),
    );
    await app.waitForLine((l) => l.msg === "Shopwise is ready", 90_000);
    const base = `http://127.0.0.1:${port}`;
    const idle = new http.Agent({ keepAlive: true, maxSockets: 1 });
    expect((await get(idle, `${base}/api/health`)).status).toBe(200); // an idle keep-alive connection

    // Three busy clients: back-to-back readiness checks, each on its own keep-alive connection.
    const clients = [0, 1, 2].map(() => ({
      agent: new http.Agent({ keepAlive: true, maxSockets: 1 }),
      replies: [] as Reply[],
      end: "",
    }));
    const loops = clients.map(async (c) => {
      try {
        for (;;) c.replies.push(await get(c.agent, `${base}/api/health/ready`));
      } catch (error) {
        c.end = (error as Error).message; // the server closed the connection and stopped listening
      }
    });
    while (clients.some((c) => c.replies.length < 10)) await sleep(20);
    expect(clients.flatMap((c) => c.replies).every((r) => r.status === 200 && r.connection === "keep-alive")).toBe(
      true,
    );

    const signalled = Date.now();
    process.kill(app.pid, "SIGTERM");
    const exit = await Promise.race([app.exited, sleep(15_000).then(() => null)]);
    const stopSeconds = (Date.now() - signalled) / 1000;
    await Promise.all(loops);

    expect(exit).toEqual({ code: 0, signal: null });
    expect(stopSeconds).toBeLessThan(10);
    const shutdownAt = Date.parse(app.lines.find((l) => l.msg === "shutting down")!.time);
    for (const c of clients) {
      // Nothing keeps a connection going: each one ends right after its last reply.
      expect(c.end).toMatch(/ECONNREFUSED|ECONNRESET|socket hang up/);
      // A request the server took after the signal is told "not ready" and "close".
      for (const r of c.replies.filter((r) => r.at > shutdownAt + 100))
        expect(r).toMatchObject({ status: 503, connection: "close" });
    }
    // Requests in flight at the signal (or sent just after) were answered with Connection: close.
    expect(clients.some((c) => c.replies.at(-1)!.connection === "close")).toBe(true);
    expect(app.lines.some((l) => l.msg === "stopped")).toBe(true);
    expect(app.lines.filter((l) => l.level === "error" || l.level === "fatal")).toEqual([]);
    const answers = clients.flatMap((c) => c.replies.filter((r) => r.connection === "close"));
    process.stdout.write(
      `server stopped ${stopSeconds.toFixed(2)} s after SIGTERM with 3 busy keep-alive clients; ` +
        `answers with Connection: close: ${answers.map((r) => r.status).join(", ")}\n`,
    );
    for (const c of clients) c.agent.destroy();
    idle.destroy();
  }, 120_000);

  it("Ctrl-C on embedded PostgreSQL (the signal reaches the server and the database) logs no error line", async () => {
    const port = await freePort();
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "shopwise-ctrl-c-"));
    await chmod(dataDir, 0o755); // run as root, embedded PostgreSQL's own user must enter it
    const env = productionEnv({
      NODE_ENV: "development",
      TSX_TSCONFIG_PATH: "server/tsconfig.node.json",
      PORT: String(port),
      DATA_DIR: dataDir,
      SEED_PRODUCTS: "0",
    });
    delete env.DATABASE_URL; // the launcher starts embedded PostgreSQL, in the same process group
    app = startProcess(process.execPath, ["--import", "tsx", "server/main.ts", "--dev"], env);
    await app.waitForLine((l) => l.msg === "Shopwise is ready", 90_000);
    await sleep(1_000); // the in-process workers are polling, the help centre is being indexed
    const signalled = Date.now();
    app.signalGroup("SIGINT"); // what a terminal's Ctrl-C does
    const exit = await Promise.race([app.exited, sleep(30_000).then(() => null)]);
    expect(exit).not.toBeNull();
    expect(app.lines.some((l) => l.msg === "stopped")).toBe(true);
    expect(app.lines.filter((l) => l.level === "error" || l.level === "fatal")).toEqual([]);
    process.stdout.write(`Ctrl-C: stopped in ${((Date.now() - signalled) / 1000).toFixed(2)} s, no error line\n`);
  }, 120_000);
});
