import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Import direction (docs: ARCHITECTURE.md): app → server/api, server/ai → services → server/db.
const serverToApp = String.raw`^~/app/|^(\.\./)+app/`;
const prismaClient = String.raw`(^|/)server/db/(client|generated)|^\.{1,2}/(.*/)?db/(client|generated)`;

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    ".next/**",
    "node_modules/**",
    "coverage/**",
    ".data/**",
    "server/db/generated/**",
    "next-env.d.ts",
    "test-results/**",
    "playwright-report/**",
    "packages/client/dist/**",
    "dist/**",
    "packages/client/.types/**",
  ]),
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": ["error", { allow: ["warn", "error"] }],
    },
  },
  {
    // UI and HTTP edges never touch the database client directly.
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: prismaClient,
              message: "app/ calls tRPC procedures or services; the Prisma client stays in server/.",
            },
          ],
        },
      ],
    },
  },
  {
    // Nothing in server/ depends on the UI.
    files: ["server/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ regex: serverToApp, message: "server/ must not import from app/." }] },
      ],
    },
  },
  {
    // Routers are thin: input schema, procedure builder, one service call. No Prisma in them.
    files: ["server/api/routers/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { regex: `${prismaClient}|^@prisma/`, message: "Routers call services; services use ctx.db." },
            { regex: serverToApp, message: "server/ must not import from app/." },
          ],
        },
      ],
    },
  },
  {
    // Every string input derives from server/inputs.ts (text(), idInput, …), which refuses what
    // PostgreSQL cannot store (NUL, lone surrogates): a bare z.string() would forget it.
    files: ["server/**/*.ts", "app/**/*.{ts,tsx}"],
    ignores: ["server/inputs.ts", "server/env.ts", "server/jobs/**", "**/*.test.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "CallExpression[callee.object.name='z'][callee.property.name=/^(string|url|httpUrl|any)$/], MemberExpression[object.object.name='z'][object.property.name='coerce'][property.name='string']",
          message:
            "Build string inputs from server/inputs.ts (text({ max }), idInput, …): they refuse NUL and lone surrogates.",
        },
      ],
    },
  },
  {
    // Tests may reach into app/ route modules to exercise the Vercel transport.
    files: ["server/**/*.test.ts", "server/test/**"],
    rules: { "no-restricted-imports": "off" },
  },
  {
    // Process entry points and CLI scripts talk to the terminal.
    files: [
      "server/main.ts",
      "server/jobs/worker.ts",
      "server/bench/**",
      "server/ai/eval/cli.ts",
      ".ci/**",
      "prisma/seed.ts",
      "server/test/**",
      "e2e/**",
      "packages/client/build.ts",
      "packages/client/examples/**",
    ],
    rules: { "no-console": "off" },
  },
]);
