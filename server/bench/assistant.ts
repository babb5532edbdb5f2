/**
 * Benchmark: the assistant with the offline local provider, through the self-hosted production
 * server. Reports the help centre's ingestion time (parse → chunk → embed → index, in-process),
 * then time to first token and total time of chat turns over /api/chat: one at a time, and
 * CONCURRENCY (default 8) at once. Questions are the retrieval test's (corpus/questions.json).
 * Needs a production build first: `npm run build && npm run bench:assistant`. Loopback only.
 */
import { readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { seedCatalog } from "../catalog/catalog-seed";
import type { Db } from "../db/client";
import { HELP_CENTRE_DIR, upsertHelpCentre } from "../knowledge/help-centre";
import { ingestDocument } from "../knowledge/ingestion.service";
import { getLogger } from "../observability/logger";
import { percentile, withBenchServer } from "./bench-server";

const concurrency = Number(process.env.CONCURRENCY ?? 8);
const questions = (
  JSON.parse(await readFile(path.join(HELP_CENTRE_DIR, "questions.json"), "utf8")) as { question: string }[]
).map((q) => q.question);

let ingestion = { documents: 0, chunks: 0, ms: 0 };
async function ingestHelpCentre(db: Db) {
  await seedCatalog(db, { products: 2_000 });
  const started = performance.now();
  const ids = await upsertHelpCentre(db);
  for (const id of ids) await ingestDocument({ db, log: getLogger() }, id);
  ingestion = { documents: ids.length, chunks: await db.knowledgeChunk.count(), ms: performance.now() - started };
}

/** One chat turn: ms to the first text token and to the end of the stream. */
async function chatTurn(url: string, question: string, n: number) {
  const started = performance.now();
  const response = await fetch(`${url}/api/chat`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      id: `bench-${n}-${Date.now()}`,
      trigger: "submit-message",
      messages: [{ id: `q-${n}-${Date.now()}`, role: "user", parts: [{ type: "text", text: question }] }],
    }),
  });
  if (!response.ok || !response.body) throw new Error(`chat failed: ${response.status} ${await response.text()}`);
  let firstToken: number | null = null;
  const decoder = new TextDecoder();
  const reader = response.body.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read())
    if (firstToken === null && decoder.decode(next.value, { stream: true }).includes('"type":"text-delta"'))
      firstToken = performance.now() - started;
  return { firstToken: firstToken ?? Number.NaN, total: performance.now() - started };
}

function summary(name: string, turns: { firstToken: number; total: number }[], wallMs: number) {
  const first = turns.map((t) => t.firstToken).sort((a, b) => a - b);
  const total = turns.map((t) => t.total).sort((a, b) => a - b);
  const ms = (v: number) => Math.round(v);
  return {
    scenario: name,
    turns: turns.length,
    "turns/s": Math.round((turns.length / wallMs) * 10_000) / 10,
    "first token p50 ms": ms(percentile(first, 50)),
    "first token p95 ms": ms(percentile(first, 95)),
    "total p50 ms": ms(percentile(total, 50)),
    "total p95 ms": ms(percentile(total, 95)),
  };
}

const env = { CHAT_ANONYMOUS_QUOTA_PER_HOUR: "100000" };
await withBenchServer({ name: "assistant", env, prepare: ingestHelpCentre }, async ({ url }) => {
  for (const [i, q] of questions.slice(0, 3).entries()) await chatTurn(url, q, -1 - i); // warm-up

  let started = performance.now();
  const sequential = [];
  for (const [i, q] of questions.entries()) sequential.push(await chatTurn(url, q, i));
  const rows = [summary("one at a time", sequential, performance.now() - started)];

  started = performance.now();
  const concurrent = await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      const turns = [];
      for (let i = worker; i < questions.length; i += concurrency)
        turns.push(await chatTurn(url, questions[i]!, 1000 + i));
      return turns;
    }),
  );
  rows.push(summary(`${concurrency} at once`, concurrent.flat(), performance.now() - started));

  console.log(
    `\nHelp centre: ${ingestion.documents} documents, ${ingestion.chunks} chunks, ingested in ${Math.round(ingestion.ms)} ms (2,000 products in the catalog); ${os.cpus().length} cores\n`,
  );
  console.table(rows);
});
