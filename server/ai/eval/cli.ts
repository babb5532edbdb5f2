/**
 * `npm run eval:assistant [--split tuned|held-out|all] [--json file] [--failures]`: the assistant
 * evaluation on a throwaway embedded PostgreSQL, with the offline local provider. Prints one
 * table per split; --failures prints the tuned split's failed questions (never the held-out
 * split's: it is never looked at for tuning, or its figures would stop meaning anything).
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const { values: args } = parseArgs({
  options: {
    split: { type: "string", default: "all" },
    json: { type: "string" },
    failures: { type: "boolean", default: false },
  },
});
if (!["tuned", "held-out", "all"].includes(args.split)) {
  console.error(`--split must be tuned, held-out or all, not "${args.split}"`);
  process.exit(2);
}
const splits = args.split === "all" ? (["tuned", "held-out"] as const) : ([args.split] as ["tuned" | "held-out"]);
if (args.failures && !splits.includes("tuned")) {
  console.error("--failures prints the tuned split only: the held-out split is never looked at for tuning.");
  process.exit(2);
}

// The offline local provider is what this evaluation measures, whatever the shell has set.
delete process.env.OPENAI_API_KEY;
delete process.env.AI_BASE_URL;
process.env.LOG_LEVEL ??= "warn";

const { startEmbeddedPostgres } = await import("../../db/embedded-postgres");
const { applyMigrations } = await import("../../db/migrate");
const dataDir = await mkdtemp(path.join(os.tmpdir(), "shopwise-eval-"));
const pg = await startEmbeddedPostgres({ dataDir, database: "eval", persistent: false });
// Services that read the database from the environment (the catalog cache scope, the queue) see this one.
process.env.DATABASE_URL = pg.url;
process.env.AUTH_SECRET ??= "evaluation-only-secret-0123456789abcdef0123456789";

try {
  await applyMigrations(pg.url);
  const { createPrismaClient } = await import("../../db/client");
  const { getLogger } = await import("../../observability/logger");
  const { loadQuestions } = await import("./questions");
  const { prepareEvalDatabase, runEvaluation } = await import("./run-eval");
  const { failed, formatFailure, formatTable, splitMetrics } = await import("./report");
  const { thresholdViolations } = await import("./thresholds");

  const db = createPrismaClient(pg.url);
  const log = getLogger();
  const started = performance.now();
  await prepareEvalDatabase(db, log);
  const questions = (await loadQuestions()).filter((q) => (splits as readonly string[]).includes(q.split));
  const results = await runEvaluation(db, log, questions, (_, i) => {
    if ((i + 1) % 25 === 0 || i + 1 === questions.length) process.stderr.write(`  ${i + 1}/${questions.length}\n`);
  });
  await db.$disconnect();

  const metrics = Object.fromEntries(splits.map((split) => [split, splitMetrics(results, split)]));
  for (const split of splits)
    console.log(`\n${formatTable(`${split} (${metrics[split]!.all!.n} questions)`, metrics[split]!)}`);
  console.log(`\n${questions.length} questions in ${Math.round((performance.now() - started) / 1000)} s`);
  const violations = splits.flatMap((split) => thresholdViolations(split, metrics[split]!));
  if (violations.length)
    console.log(`\nBelow the thresholds (server/ai/eval/thresholds.ts):\n${violations.join("\n")}`);

  if (args.failures) {
    const failures = results.filter((r) => r.question.split === "tuned" && failed(r));
    console.log(`\n## Failed tuned questions (${failures.length})\n`);
    console.log(failures.map(formatFailure).join("\n"));
    if (splits.includes("held-out"))
      console.log("\n(Held-out failures are not printed: that split is never tuned on.)");
  }
  if (args.json) {
    await writeFile(args.json, JSON.stringify({ date: new Date().toISOString(), metrics }, null, 2));
    console.log(`\nmetrics written to ${args.json}`);
  }
} finally {
  await pg.stop();
  await rm(dataDir, { recursive: true, force: true });
}
// pg-boss or the cache's listeners may hold the event loop; the work is done.
process.exit(0);
