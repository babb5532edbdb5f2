import { describe, expect, it } from "vitest";
import { freePort } from "../db/embedded-postgres";
import { getBoss } from "../jobs/queue";
import { liveness, markShuttingDown, readiness } from "./health";

describe("health", () => {
  it("liveness reports version and uptime without touching the database", () => {
    expect(liveness()).toMatchObject({ status: "ok", version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(liveness().uptimeSeconds).toBeGreaterThanOrEqual(0);
  });

  it("readiness is ok when the database is reachable, migrated and the queue runs", async () => {
    await getBoss();
    const { httpStatus, body } = await readiness();
    expect(httpStatus).toBe(200);
    expect(body.checks).toMatchObject({
      database: { status: "ok" },
      migrations: { status: "ok" },
      jobQueue: { status: "ok", detail: "workers: in-process" },
    });
  });

  it("readiness is 503 with each failing check named when the database is unreachable", async () => {
    const port = await freePort();
    const { httpStatus, body } = await readiness(`postgresql://nobody:x@127.0.0.1:${port}/none`);
    expect(httpStatus).toBe(503);
    expect(body.status).toBe("fail");
    expect(body.checks.database).toMatchObject({
      status: "fail",
      detail: expect.stringMatching(/ECONNREFUSED|connect/i),
    });
    expect(body.checks.migrations).toMatchObject({ status: "fail", detail: "database unreachable" });
  });

  // Last: the shutdown mark is for the rest of the process.
  it("readiness is 503 from the stop signal on, without touching the database", async () => {
    markShuttingDown();
    const { httpStatus, body } = await readiness("postgresql://nobody:x@127.0.0.1:1/none");
    expect(httpStatus).toBe(503);
    expect(body.checks).toEqual({ shutdown: { status: "fail", detail: "shutting down", durationMs: 0 } });
  });
});
