import { defineConfig, devices } from "@playwright/test";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

// E2E_PORT lets two checkouts run their suites side by side.
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;
// Debian's Chromium where present (no browser downloads offline); Playwright's own elsewhere.
const chromium = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export default defineConfig({
  testDir: ".",
  // The Vercel path has its own server (e2e/playwright.vercel.config.ts).
  testIgnore: "vercel.spec.ts",
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  workers: process.env.CI ? 1 : undefined,
  retries: 0,
  reporter: "list",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    trace: "on-first-retry",
    launchOptions: {
      executablePath: chromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    // A fresh embedded database per run: every spec starts from the same empty shop.
    command: "rm -rf .data/e2e && npm start",
    cwd: fileURLToPath(new URL("..", import.meta.url)),
    env: {
      PORT: String(port),
      DATA_DIR: ".data/e2e",
      LOG_LEVEL: "warn",
      CHAT_ANONYMOUS_QUOTA_PER_HOUR: "5",
      // The offline model's words a little slower than its 30 ms default: an answer lasts a few
      // seconds, long enough to reload or go offline while it is still being written.
      LOCAL_MODEL_WORD_DELAY_MS: "60",
      // Off by default in production processes; the specs read mail through it (as the demo admin).
      DEV_MAILBOX: "true",
      // Every spec signs up from this one address, and one spec buys up a product from one account.
      SIGNUP_MAX_PER_IP: "10000",
      ORDER_MAX_PENDING_PER_USER: "100",
      ORDER_MAX_UNITS_PER_PRODUCT: "100000",
      // A staff reply unseen for 2 s is mailed (the support spec's shopper leaves, then reads the mail).
      SUPPORT_REPLY_MAIL_DELAY_SECONDS: "2",
      // The webhook spec's receiver listens on loopback, which production refuses by default.
      WEBHOOK_ALLOW_PRIVATE_URLS: "true",
    },
    url: `${baseURL}/api/health/ready`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
  },
});
