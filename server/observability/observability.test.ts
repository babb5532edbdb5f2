import { createServer } from "node:http";
import { once } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { captureLogs } from "../test/logs";
import { handleNodeRequest, withRequestContext } from "./http";
import { getLogger } from "./logger";
import { correlationIdFrom, currentCorrelationId, runWithContext } from "./request-context";

let logs: ReturnType<typeof captureLogs> | undefined;
afterEach(() => logs?.restore());

describe("correlation IDs", () => {
  it("accept a sane caller ID and replace anything else", () => {
    expect(correlationIdFrom("abc-123_DEF.456")).toBe("abc-123_DEF.456");
    for (const bad of [null, "", "short", "has spaces in it", "x".repeat(200), "inject\n{json}"])
      expect(correlationIdFrom(bad)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("are stamped on every log line written inside the context", () => {
    logs = captureLogs();
    runWithContext({ correlationId: "corr-log-000001", userId: "u1" }, () => getLogger().info("hello"));
    getLogger().info("outside");
    const [inside, outside] = logs.lines();
    expect(inside).toMatchObject({ msg: "hello", correlationId: "corr-log-000001", userId: "u1", level: "info" });
    expect(outside).not.toHaveProperty("correlationId");
  });

  it("redact secrets wherever they appear in a logged object", () => {
    logs = captureLogs();
    getLogger().info(
      {
        password: "hunter2hunter2",
        input: { password: "p@ssw0rd!!", email: "a@b.c" },
        headers: { cookie: "authjs.session-token=x", authorization: "Bearer y" },
      },
      "sign-in attempt",
    );
    const line = logs.raw.join("\n");
    for (const secret of ["hunter2hunter2", "p@ssw0rd!!", "authjs.session-token=x", "Bearer y"])
      expect(line).not.toContain(secret);
    expect(logs.lines()[0]).toMatchObject({ input: { email: "a@b.c", password: "[redacted]" } });
  });

  it("redact at any depth and in arrays, without touching the caller's object", () => {
    logs = captureLogs();
    const logged = { batch: [{ user: { profile: { token: "tok-123456" } } }], ok: { name: "kept" } };
    getLogger().info(logged, "nested");
    expect(logs.raw.join("\n")).not.toContain("tok-123456");
    expect(logs.lines()[0]).toMatchObject({
      batch: [{ user: { profile: { token: "[redacted]" } } }],
      ok: { name: "kept" },
    });
    expect(logged.batch[0]!.user.profile.token).toBe("tok-123456");
  });
});

describe("HTTP edges", () => {
  it("Node server: echoes or creates the ID, runs the handler in it, logs one request line", async () => {
    logs = captureLogs();
    const seen: (string | undefined)[] = [];
    const server = createServer((req, res) =>
      handleNodeRequest(req, res, () => {
        seen.push(currentCorrelationId());
        res.statusCode = req.url === "/missing" ? 404 : 200;
        res.end("ok");
      }),
    );
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const given = await fetch(`${base}/a?q=1`, { headers: { "X-Correlation-ID": "corr-from-client-1" } });
    const generated = await fetch(`${base}/missing`);
    server.close();

    expect(given.headers.get("x-correlation-id")).toBe("corr-from-client-1");
    expect(generated.headers.get("x-correlation-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen).toEqual(["corr-from-client-1", generated.headers.get("x-correlation-id")]);
    const requests = logs.lines().filter((l) => l.msg === "request");
    expect(requests).toEqual([
      expect.objectContaining({
        method: "GET",
        path: "/a",
        status: 200,
        correlationId: "corr-from-client-1",
        level: "info",
      }),
      expect.objectContaining({ method: "GET", path: "/missing", status: 404, level: "warn" }),
    ]);
    expect(typeof requests[0]!.durationMs).toBe("number");
  });

  it("route handlers: same ID handling and request line", async () => {
    logs = captureLogs();
    const handler = withRequestContext(async () => Response.json({ id: currentCorrelationId() }, { status: 201 }));
    const res = await handler(
      new Request("http://x/api/thing", { method: "POST", headers: { "x-correlation-id": "corr-route-00001" } }),
    );
    expect(res.status).toBe(201);
    expect(res.headers.get("x-correlation-id")).toBe("corr-route-00001");
    expect(await res.json()).toEqual({ id: "corr-route-00001" });
    expect(logs.lines()).toEqual([
      expect.objectContaining({ msg: "request", method: "POST", path: "/api/thing", status: 201 }),
    ]);
  });
});
