import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, afterEach, beforeAll, inject } from "vitest";

/**
 * Per test file: a fresh database cloned from the migrated template, and the settings the app
 * reads. Runs before the file's imports, so modules see this DATABASE_URL.
 */
const templateUrl = new URL(inject("templateDatabaseUrl"));
const database = `test_${randomBytes(6).toString("hex")}`;

const admin = new pg.Client({ connectionString: templateUrl.toString().replace(/\/[^/]+$/, "/postgres") });
await admin.connect();
await admin.query(`CREATE DATABASE "${database}" TEMPLATE "${templateUrl.pathname.slice(1)}"`);
await admin.end();

const url = new URL(templateUrl);
url.pathname = `/${database}`;
Object.assign(process.env, {
  NODE_ENV: "test",
  DATABASE_URL: url.toString(),
  AUTH_SECRET: "test-secret-that-is-long-enough-for-auth-js-0123456789",
  DATA_DIR: `/tmp/shopwise-test-data/${database}`,
});

// A test that logs console.error fails: errors must be asserted, not printed.
const consoleErrors: unknown[][] = [];
const originalError = console.error;
beforeAll(() => {
  console.error = (...args: unknown[]) => {
    consoleErrors.push(args);
    originalError(...args);
  };
});
afterEach(() => {
  if (consoleErrors.length) {
    const [first] = consoleErrors.splice(0);
    throw new Error(`console.error was called: ${first?.map(String).join(" ")}`);
  }
});
afterAll(async () => {
  console.error = originalError;
  const { stopBoss } = await import("../jobs/queue");
  await stopBoss(5_000);
  const { db } = await import("../db/client");
  await db.$disconnect();
});
