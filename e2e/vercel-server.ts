/**
 * The web server of e2e/playwright.vercel.config.ts: the path a Vercel deployment takes, on this
 * machine. A throwaway embedded PostgreSQL stands in for the hosted database; the release step
 * (`npm run release`, as vercel.json's buildCommand runs it) migrates it and queues the help centre;
 * demo accounts and a small catalog are seeded (a real deployment has its own data); then the HTTP
 * server is `next start` alone — no server/main.ts, no workers, so a job runs only when something
 * calls /api/cron/drain with CRON_SECRET, as Vercel Cron would.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { startEmbeddedPostgres } from "../server/db/embedded-postgres";

const dataDir = path.resolve(process.env.DATA_DIR ?? ".data/e2e-vercel");
const port = process.env.PORT ?? "3200";

const database = await startEmbeddedPostgres({
  dataDir: path.join(dataDir, "postgres"),
  database: "shopwise",
  persistent: false,
  preferredPort: Number(port) + 20_000,
});
process.env.DATABASE_URL = database.url;

let server: ChildProcess | undefined;
let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  server?.kill("SIGTERM");
  if (server && server.exitCode === null) await new Promise((resolve) => server!.once("exit", resolve));
  await database.stop().catch(() => {});
  process.exit(code);
}
process.on("SIGTERM", () => void stop(0));
process.on("SIGINT", () => void stop(0));

function run(command: string, args: string[]) {
  const child = spawn(command, args, { stdio: "inherit", env: process.env });
  return child;
}

try {
  const release = run("npm", ["run", "--silent", "release"]);
  const code = await new Promise<number | null>((resolve) => release.once("exit", resolve));
  if (code !== 0) throw new Error(`the release step exited with ${code}`);

  const { db } = await import("../server/db/client");
  const { seedDemoData } = await import("../server/db/seed");
  const { seedCatalog } = await import("../server/catalog/catalog-seed");
  // The specs sign in as the demo admin from this file, as the main suite does from its DATA_DIR.
  const accounts = await seedDemoData(db);
  await writeFile(path.join(dataDir, "demo-accounts.json"), JSON.stringify(accounts, null, 2), { mode: 0o600 });
  await seedCatalog(db, { products: 120 });
  await db.$disconnect();

  server = run(path.resolve("node_modules/.bin/next"), ["start", "--port", port, "--hostname", "127.0.0.1"]);
  server.once("exit", (code) => void stop(code ?? 1));
} catch (error) {
  console.error(error);
  await stop(1);
}
