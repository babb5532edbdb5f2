import { once } from "node:events";
import { createServer } from "node:http";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { config as proxyConfig, proxy } from "~/proxy";
import { reloadEnv } from "./env";
import { liveness } from "./observability/health";
import { handleNodeRequest } from "./observability/http";
import { createTrpcNodeHandler } from "./api/http";
import {
  baseSecurityHeaders,
  NON_PAGE_PATHS,
  newNonce,
  nextConfigHeaders,
  pageContentSecurityPolicy,
  RESOURCE_CSP,
  securityHeaderOptions,
} from "./security-headers";

const directive = (policy: string, name: string) =>
  policy
    .split(";")
    .map((d) => d.trim().split(/\s+/))
    .find(([n]) => n === name)
    ?.slice(1);

describe("the page policy", () => {
  it("lets scripts run only with the request's nonce", () => {
    const policy = pageContentSecurityPolicy("abc123");
    expect(directive(policy, "script-src")).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
    expect(directive(policy, "frame-ancestors")).toEqual(["'none'"]);
    expect(directive(policy, "object-src")).toEqual(["'none'"]);
    expect(directive(policy, "connect-src")).toEqual(["'self'"]);
    expect(policy).not.toContain("upgrade-insecure-requests");
  });

  it("allows eval only in development", () => {
    expect(directive(pageContentSecurityPolicy("n", { dev: true }), "script-src")).toContain("'unsafe-eval'");
    expect(pageContentSecurityPolicy("n", { dev: false })).not.toContain("unsafe-eval");
  });

  it("keeps inline styles (Radix) but no nonce beside them, which would switch 'unsafe-inline' off", () => {
    expect(directive(pageContentSecurityPolicy("n"), "style-src")).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it("upgrades subresources and sends HSTS only when the public URL is https", () => {
    expect(pageContentSecurityPolicy("n", { publicUrl: "https://shop.example.com" })).toContain(
      "upgrade-insecure-requests",
    );
    expect(baseSecurityHeaders({ publicUrl: "https://shop.example.com" })["Strict-Transport-Security"]).toBe(
      "max-age=63072000; includeSubDomains",
    );
    expect(baseSecurityHeaders({ publicUrl: "http://localhost:3000" })).not.toHaveProperty("Strict-Transport-Security");
    expect(baseSecurityHeaders()).not.toHaveProperty("Strict-Transport-Security");
  });

  it("lets sign-in forms go on to the configured OAuth providers", () => {
    const options = securityHeaderOptions({
      NODE_ENV: "production",
      AUTH_URL: undefined,
      AUTH_GITHUB_ID: "gh",
      AUTH_OIDC_ISSUER: "https://login.example.com/realms/shop",
    });
    expect(directive(pageContentSecurityPolicy("n", options), "form-action")).toEqual([
      "'self'",
      "https://github.com",
      "https://login.example.com",
    ]);
  });
});

describe("nonces", () => {
  it("are 128 random bits, fresh each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const n of nonces) expect(Buffer.from(n, "base64")).toHaveLength(16);
  });
});

describe("proxy.ts", () => {
  it("puts a fresh nonce policy on the request (for Next) and on the response", () => {
    const first = proxy(new NextRequest("http://localhost/products"));
    const second = proxy(new NextRequest("http://localhost/products"));
    const policy = first.headers.get("content-security-policy")!;
    const nonce = /'nonce-([^']+)'/.exec(policy)![1]!;
    expect(second.headers.get("content-security-policy")).not.toContain(nonce);
    // NextResponse.next({ request: { headers } }) carries request overrides in these headers.
    expect(first.headers.get("x-middleware-request-content-security-policy")).toBe(policy);
    expect(first.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    expect(first.headers.get("x-content-type-options")).toBe("nosniff");
    expect(first.headers.get("cross-origin-opener-policy")).toBe("same-origin");
  });

  it("refuses a Server Action POST another site started (403) and a path that does not decode (400)", async () => {
    const crossSite = proxy(
      new NextRequest("http://localhost/sign-out", {
        method: "POST",
        headers: { "sec-fetch-site": "cross-site", origin: "https://evil.example", "next-action": "abc" },
      }),
    );
    expect(crossSite.status).toBe(403);
    expect(await crossSite.json()).toMatchObject({ error: { data: { appCode: "CROSS_SITE_REQUEST" } } });
    expect(crossSite.headers.get("x-content-type-options")).toBe("nosniff");
    const sameOrigin = proxy(
      new NextRequest("http://localhost/sign-out", { method: "POST", headers: { "sec-fetch-site": "same-origin" } }),
    );
    expect(sameOrigin.status).toBe(200);
    const malformed = proxy(new NextRequest("http://localhost/products/%E0%A4%A"));
    expect(malformed.status).toBe(400);
  });

  it("runs on pages and not on the paths next.config.ts gives the resource policy", () => {
    const matcher = new RegExp(`^${proxyConfig.matcher[0]}$`);
    for (const page of ["/", "/products", "/products/desk-lamp", "/sign-in", "/no-such-page", "/apiary"])
      expect(matcher.test(page), page).toBe(true);
    const examples = ["/api/trpc/x", "/_next/static/chunks/a.js", "/_next/image", "/product-images/a.svg", "/icon.svg"];
    for (const path of examples) expect(matcher.test(path), path).toBe(false);
    expect(examples).toHaveLength(NON_PAGE_PATHS.length);
  });
});

describe("next.config.ts headers()", () => {
  it("sends the base headers everywhere and the resource policy on every non-page path", () => {
    const routes = nextConfigHeaders("https://shop.example.com");
    const all = routes.find((r) => r.source === "/:path*")!;
    expect(all.headers.map((h) => h.key)).toEqual(
      expect.arrayContaining(["X-Content-Type-Options", "Strict-Transport-Security", "Permissions-Policy"]),
    );
    expect(all.headers.map((h) => h.key)).not.toContain("Content-Security-Policy");
    for (const source of NON_PAGE_PATHS)
      expect(routes.find((r) => r.source === source)?.headers).toEqual([
        { key: "Content-Security-Policy", value: RESOURCE_CSP },
      ]);
  });
});

describe("the self-hosted fast path", () => {
  // Like server/main.ts: tRPC GETs and /api/health are answered without Next.
  const trpc = createTrpcNodeHandler();
  const server = createServer((req, res) =>
    handleNodeRequest(req, res, () => {
      if (req.url === "/api/health") {
        res.writeHead(200, { "Content-Type": "application/json" });
        return res.end(JSON.stringify(liveness()));
      }
      return trpc(req, res);
    }),
  );
  let base = "";
  beforeAll(async () => {
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => server.close());

  it.each([
    ["a tRPC query", "/api/trpc/health.ping", 200],
    ["an unknown procedure", "/api/trpc/no.such", 404],
    ["the liveness probe", "/api/health", 200],
  ])("sends the security headers on %s", async (_name, path, status) => {
    const res = await fetch(base + path);
    expect(res.status).toBe(status);
    expect(res.headers.get("content-security-policy")).toBe(RESOURCE_CSP);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(res.headers.get("permissions-policy")).toContain("camera=()");
    expect(res.headers.get("cross-origin-opener-policy")).toBe("same-origin");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    // The test settings have no https AUTH_URL.
    expect(res.headers.get("strict-transport-security")).toBeNull();
  });

  it("adds HSTS once the public URL is https", async () => {
    process.env.AUTH_URL = "https://shop.example.com";
    reloadEnv();
    try {
      const res = await fetch(`${base}/api/health`);
      expect(res.headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
    } finally {
      delete process.env.AUTH_URL;
      reloadEnv();
    }
  });
});
