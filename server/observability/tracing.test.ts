import { once } from "node:events";
import { createServer } from "node:http";
import { randomUUID } from "node:crypto";
import { SpanKind } from "@opentelemetry/api";
import { InMemorySpanExporter, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { embedMany } from "ai";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { embeddingModel } from "../ai/providers";
import { createTrpcNodeHandler } from "../api/http";
import { getBoss, runJob } from "../jobs/queue";
import { sendOrderConfirmation } from "../jobs/send-order-confirmation";
import { createProduct, createUser, sessionCookieFor } from "../test/factories";
import { handleNodeRequest } from "./http";
import { runWithContext } from "./request-context";
import { CORRELATION_ATTRIBUTE } from "./tracing";
import { startTracing } from "./tracing-setup";

const exporter = new InMemorySpanExporter();
startTracing({ exporter });

const server = createServer((req, res) => handleNodeRequest(req, res, () => createTrpcNodeHandler()(req, res)));
let base = "";
beforeAll(async () => {
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => server.close());

const spanId = (s: ReadableSpan) => s.spanContext().spanId;
const parentId = (s: ReadableSpan) => s.parentSpanContext?.spanId;
/** The names from `span` up to the root of its trace. */
function ancestry(span: ReadableSpan, spans: ReadableSpan[]): string[] {
  const names = [span.name];
  for (let at = span; parentId(at);) {
    const parent = spans.find((s) => spanId(s) === parentId(at));
    if (!parent) break;
    names.push(parent.name);
    at = parent;
  }
  return names;
}

describe("traces", () => {
  it("follow one checkout from the HTTP request through the procedure to SQL, and on into its job", async () => {
    const customer = await createUser();
    const product = await createProduct({ price: "5.00", stock: 3 });
    const cookie = await sessionCookieFor(customer);
    const correlationId = `trace-${randomUUID()}`;
    exporter.reset();
    const response = await fetch(`${base}/api/trpc/orders.create`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        cookie,
        origin: base,
        "x-correlation-id": correlationId,
      },
      body: JSON.stringify(
        superjson.serialize({ idempotencyKey: randomUUID(), lines: [{ productId: product.id, quantity: 1 }] }),
      ),
    });
    expect(response.status).toBe(200);
    await new Promise((r) => setTimeout(r, 50)); // the HTTP span ends when the response closes

    const spans = exporter.getFinishedSpans();
    const http = spans.find(
      (s) => s.kind === SpanKind.SERVER && s.attributes["url.path"] === "/api/trpc/orders.create",
    );
    expect(http).toBeDefined();
    expect(http!.attributes).toMatchObject({ "http.request.method": "POST", "http.response.status_code": 200 });
    const procedure = spans.find((s) => s.name === "trpc orders.create")!;
    expect(parentId(procedure)).toBe(spanId(http!));
    expect(procedure.attributes).toMatchObject({ "rpc.system": "trpc", "trpc.type": "mutation" });
    const sql = spans.filter((s) => s.name === "prisma:client:db_query");
    expect(sql.length).toBeGreaterThan(0);
    // Every statement of the request is in its trace (the session lookup runs before the procedure)…
    for (const statement of sql) {
      expect(statement.spanContext().traceId).toBe(http!.spanContext().traceId);
      expect(ancestry(statement, spans).at(-1)).toBe("HTTP POST");
    }
    // …and the order's INSERT (inside the checkout transaction) descends from the procedure.
    const insert = sql.find((s) => /^INSERT INTO "public"\."Order" /.test(String(s.attributes["db.query.text"])))!;
    expect(ancestry(insert, spans)).toEqual([
      "prisma:client:db_query",
      "prisma:client:operation",
      "prisma:client:transaction",
      "trpc orders.create",
      "HTTP POST",
    ]);
    // Every span of ours carries the request's correlation ID.
    for (const span of [http!, procedure]) expect(span.attributes[CORRELATION_ATTRIBUTE]).toBe(correlationId);

    // The confirmation job continues the request's trace, with the same correlation ID.
    exporter.reset();
    const boss = await getBoss();
    const [job] = await boss.fetch<unknown>(sendOrderConfirmation.name, { includeMetadata: true });
    await runJob(sendOrderConfirmation, job!);
    const jobSpans = exporter.getFinishedSpans();
    const jobSpan = jobSpans.find((s) => s.name === "job mail.order-confirmation")!;
    expect(jobSpan.kind).toBe(SpanKind.CONSUMER);
    expect(jobSpan.spanContext().traceId).toBe(http!.spanContext().traceId);
    expect(jobSpan.attributes).toMatchObject({
      [CORRELATION_ATTRIBUTE]: correlationId,
      "messaging.system": "pg-boss",
      "messaging.message.id": job!.id,
    });
    const jobSql = jobSpans.filter((s) => s.name === "prisma:client:db_query");
    expect(jobSql.length).toBeGreaterThan(0);
    for (const statement of jobSql) expect(ancestry(statement, jobSpans)).toContain("job mail.order-confirmation");
  });

  it("wrap each model call in a span with the model and the correlation ID", async () => {
    exporter.reset();
    const { model } = embeddingModel();
    await runWithContext({ correlationId: "trace-model-0001" }, () => embedMany({ model, values: ["a", "b"] }));
    const span = exporter.getFinishedSpans().find((s) => s.name.startsWith("ai.embed"))!;
    expect(span.kind).toBe(SpanKind.CLIENT);
    expect(span.attributes).toMatchObject({
      [CORRELATION_ATTRIBUTE]: "trace-model-0001",
      "gen_ai.operation.name": "embeddings",
      "gen_ai.input.count": 2,
    });
  });
});
