import { once } from "node:events";
import { createServer } from "node:http";
import { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "~/app/api/metrics/route";
import { reloadEnv } from "../env";
import { defineJob, enqueue } from "../jobs/queue";
import { handleNodeRequest } from "../observability/http";
import { createTrpcNodeHandler } from "./http";

const TOKEN = "metrics-token-for-the-test-0123";
const server = createServer((req, res) => handleNodeRequest(req, res, () => createTrpcNodeHandler()(req, res)));
let base = "";
beforeAll(async () => {
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => {
  server.close();
  delete process.env.METRICS_TOKEN;
  reloadEnv();
});

const scrape = (authorization?: string) =>
  GET(new Request("http://shop.test/api/metrics", { headers: authorization ? { authorization } : {} }));
const trpcGet = (path: string, input: unknown) =>
  fetch(`${base}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);
/** The value of one sample line, e.g. `shopwise_trpc_requests_total{procedure="…",…}`. */
const sample = (text: string, pattern: RegExp) => {
  const line = text.split("\n").find((l) => pattern.test(l));
  return line === undefined ? undefined : Number(line.split(" ").at(-1));
};

describe("GET /api/metrics", () => {
  it("does not exist until METRICS_TOKEN is set", async () => {
    const response = await scrape(`Bearer ${TOKEN}`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { data: { appCode: "METRICS_DISABLED" } } });
  });

  it("refuses a missing or wrong token", async () => {
    process.env.METRICS_TOKEN = TOKEN;
    reloadEnv();
    for (const authorization of [undefined, `Bearer ${TOKEN}x`, TOKEN, `Basic ${TOKEN}`]) {
      const response = await scrape(authorization);
      expect(response.status).toBe(401);
      expect(await response.text()).not.toContain("shopwise_");
    }
  });

  it("counts requests by procedure and outcome, with latency, queue depth and the pool", async () => {
    process.env.METRICS_TOKEN = TOKEN;
    reloadEnv();
    for (let i = 0; i < 3; i++) expect((await trpcGet("catalog.categories", {})).status).toBe(200);
    expect((await trpcGet("knowledge.list", {})).status).toBe(401);
    const job = defineJob({ name: "test.metrics-depth", schema: z.object({}), queue: {}, handle: async () => {} });
    await enqueue(job, {});
    await enqueue(job, {});

    const response = await scrape(`Bearer ${TOKEN}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(
      sample(text, /^shopwise_trpc_requests_total\{procedure="catalog.categories",type="query",status="OK"\}/),
    ).toBe(3);
    expect(
      sample(text, /^shopwise_trpc_requests_total\{procedure="knowledge.list",type="query",status="UNAUTHORIZED"\}/),
    ).toBe(1);
    expect(sample(text, /^shopwise_trpc_errors_total\{procedure="knowledge.list",code="UNAUTHORIZED"\}/)).toBe(1);
    expect(
      sample(text, /^shopwise_trpc_request_duration_seconds_count\{procedure="catalog.categories",status="OK"\}/),
    ).toBe(3);
    expect(text).toMatch(
      /^shopwise_trpc_request_duration_seconds_bucket\{le="0.1",procedure="catalog.categories",status="OK"\} \d+$/m,
    );
    expect(sample(text, /^shopwise_job_queue_depth\{queue="test.metrics-depth"\}/)).toBe(2);
    expect(sample(text, /^shopwise_job_queue_oldest_age_seconds\{queue="test.metrics-depth"\}/)).toBeGreaterThan(0);
    expect(sample(text, /^shopwise_job_queue_depth\{queue="test.metrics-depth.dead"\}/)).toBe(0);
    expect(sample(text, /^shopwise_db_pool_connections\{state="total"\}/)).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^shopwise_db_pool_connections\{state="waiting"\} \d+$/m);
    expect(text).toContain("# TYPE process_cpu_seconds_total counter");
  });
});
