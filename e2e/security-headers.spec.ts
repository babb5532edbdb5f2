import type { APIResponse } from "@playwright/test";
import { expect, test } from "./fixtures";

/**
 * Security headers on every kind of response the production server sends (ADR 013): pages (a
 * fresh nonce each time), static files, route handlers, tRPC on both transports, 404s. The CSP
 * guard in fixtures.ts makes every other journey fail on a blocked script or style.
 */

const RESOURCE_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

function expectBaseHeaders(response: APIResponse) {
  const headers = response.headers();
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["cross-origin-opener-policy"]).toBe("same-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
  // The e2e server's public URL is http://localhost: no HSTS there.
  expect(headers["strict-transport-security"]).toBeUndefined();
}

/** The page policy's nonce, after checking the policy allows no other script. */
function pageNonce(response: APIResponse): string {
  // One policy: the self-hosted server's resource policy must have been replaced, not joined.
  const policies = response.headersArray().filter((h) => h.name.toLowerCase() === "content-security-policy");
  expect(policies).toHaveLength(1);
  const policy = policies[0]!.value;
  const scriptSrc = /(?:^|;\s*)script-src ([^;]+)/.exec(policy)?.[1] ?? "";
  expect(scriptSrc).toMatch(/^'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'$/);
  expect(policy).not.toContain("unsafe-eval");
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toContain("object-src 'none'");
  return /'nonce-([^']+)'/.exec(scriptSrc)![1]!;
}

test("a page gets a fresh nonce on every request and every script carries it", async ({ request }) => {
  const first = await request.get("/");
  expect(first.status()).toBe(200);
  expectBaseHeaders(first);
  const nonce = pageNonce(first);
  const html = await first.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(3);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

  const second = await request.get("/");
  expect(pageNonce(second)).not.toBe(nonce);
});

test("a 404 page is a page like any other", async ({ request }) => {
  const response = await request.get("/no-such-page");
  expect(response.status()).toBe(404);
  expectBaseHeaders(response);
  pageNonce(response);
});

test("static files answer with the resource policy", async ({ request }) => {
  const html = await (await request.get("/")).text();
  const chunk = /\/_next\/static\/[^"]+\.js/.exec(html)?.[0];
  expect(chunk, "a script chunk in the page").toBeTruthy();
  for (const path of [chunk!, "/icon.svg", "/product-images/bedding.svg", "/_next/static/no-such-file.js"]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(path.includes("no-such") ? 404 : 200);
    expectBaseHeaders(response);
    expect(response.headers()["content-security-policy"], path).toBe(RESOURCE_POLICY);
  }
});

test("route handlers, health probes and tRPC on both transports answer with the resource policy", async ({
  request,
}) => {
  const responses = [
    await request.get("/api/auth/session"), // a Next route handler
    await request.get("/api/health"), // the self-hosted server's own handler
    await request.get("/api/health/ready"),
    await request.get("/api/trpc/health.ping"), // a query: the Node fast path
    await request.post("/api/trpc/auth.signUp", { data: { json: {} } }), // a mutation: Next's route handler
    await request.get("/api/no-such-route"),
  ];
  for (const response of responses) {
    expectBaseHeaders(response);
    expect(response.headers()["content-security-policy"], response.url()).toBe(RESOURCE_POLICY);
  }
});

test("the page runs under its policy: the theme script and the app's scripts execute", async ({ page }) => {
  await page.goto("/products");
  // next-themes' inline script (with the nonce) sets the theme class before React hydrates.
  await expect(page.locator("html")).toHaveClass(/\b(light|dark)\b/);
  // Hydrated client code answers: the search box filters the list through tRPC.
  await page.getByLabel("Search products").fill("lamp");
  await expect(page).toHaveURL(/[?&]q=lamp/);
});
