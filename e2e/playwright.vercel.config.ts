import { defineConfig } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import base from "./playwright.config";

/**
 * The path Vercel uses: a production build served by `next start` alone (no server/main.ts, no
 * workers), the database migrated by the release step, jobs run only by calls to the cron drain
 * route. `npm test` runs it after the main suite; alone: `npx playwright test --config
 * e2e/playwright.vercel.config.ts` after `next build`. E2E_PORT as in the main config
 * (the two runs never overlap).
 */
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;
/** Known to the spec too: it calls /api/cron/* as Vercel Cron would. */
export const CRON_SECRET = "e2e-vercel-cron-secret-0123456789";

export default defineConfig({
  ...base,
  testMatch: "vercel.spec.ts",
  testIgnore: [],
  use: { ...base.use, baseURL },
  webServer: {
    command:
      "rm -rf .data/e2e-vercel && TSX_TSCONFIG_PATH=server/tsconfig.node.json exec node --import tsx e2e/vercel-server.ts",
    cwd: fileURLToPath(new URL("..", import.meta.url)),
    env: {
      PORT: String(port),
      DATA_DIR: ".data/e2e-vercel",
      LOG_LEVEL: "warn",
      // What a Vercel project sets (README "Deploy on Vercel"); no JOBS_WORKER: nothing here runs workers.
      // Production refuses placeholders (server/env.ts): a fresh one per run, as an operator would generate.
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      AUTH_URL: baseURL,
      CRON_SECRET,
    },
    url: `${baseURL}/api/health/ready`,
    timeout: 120_000,
    reuseExistingServer: false,
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    stdout: "ignore",
    stderr: "pipe",
  },
});
