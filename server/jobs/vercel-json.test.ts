import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { jobs } from "./registry";

/**
 * vercel.json is the schedule on Vercel, where no worker declares the schedules: it must list
 * every scheduled job at the job's own cadence, plus the queue drain, and give the long-running
 * routes their duration.
 */
const config = JSON.parse(readFileSync(path.resolve("vercel.json"), "utf8")) as {
  buildCommand: string;
  functions: Record<string, { maxDuration: number }>;
  crons: { path: string; schedule: string }[];
};

describe("vercel.json", () => {
  it("schedules every scheduled job at its own cadence, and the drain every minute", () => {
    const scheduled = jobs
      .filter((j) => j.schedule)
      .map((j) => ({ path: `/api/cron/${j.name}`, schedule: j.schedule }));
    expect(scheduled.length).toBeGreaterThan(0);
    expect(config.crons).toEqual(
      expect.arrayContaining([{ path: "/api/cron/drain", schedule: "* * * * *" }, ...scheduled]),
    );
    expect(config.crons).toHaveLength(scheduled.length + 1);
  });

  it("gives chat, upload and cron their duration, naming route files that exist", () => {
    for (const route of ["app/api/chat/route.ts", "app/api/upload/route.ts", "app/api/cron/[job]/route.ts"])
      expect(config.functions[route]?.maxDuration, route).toBeGreaterThanOrEqual(60);
    for (const file of Object.keys(config.functions)) expect(existsSync(path.resolve(file)), file).toBe(true);
    // The drain stops taking jobs at 45 s (server/jobs/cron.ts): the function must outlive that.
    expect(config.functions["app/api/cron/[job]/route.ts"]!.maxDuration).toBeGreaterThan(45);
  });

  it("runs the release step before the build", () => {
    expect(config.buildCommand).toMatch(/^npm run release && next build$/);
  });
});
