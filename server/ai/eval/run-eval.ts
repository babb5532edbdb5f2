import { createHash } from "node:crypto";
import { isRefusal } from "../prompts/refusal";
import { updateProduct } from "../../catalog/catalog-admin.service";
import { seedCatalog } from "../../catalog/catalog-seed";
import { retrieveForTurn } from "../../chat/turn-retrieval";
import type { ChatCtx } from "../../chat/chat.service";
import type { Db } from "../../db/client";
import { upsertHelpCentre } from "../../knowledge/help-centre";
import { ingestDocument } from "../../knowledge/ingestion.service";
import type { Logger } from "../../observability/logger";
import { runTurn, textMessage, type TurnMessage, type TurnOutcome } from "./eval-turn";
import { citationsWithSentences, citationSupported, containsAllFacts, normalise, normalisePassage } from "./metrics";
import type { CitedSource, EvalQuestion, QuestionResult, RetrievedSummary } from "./questions";

/** The boot default (SEED_PRODUCTS) and seed: the demo catalog every new install has. */
const DEMO_PRODUCTS = 2_000;
const TOP_K = 5;

/**
 * Fills a database the way a new install is filled: the demo catalog (as boot seeds it), the
 * help centre ingested, and a staff account whose edits give products their "live" price.
 */
export async function prepareEvalDatabase(db: Db, log: Logger) {
  await seedCatalog(db, { products: DEMO_PRODUCTS });
  for (const documentId of await upsertHelpCentre(db)) await ingestDocument({ db, log }, documentId);
}

interface EvalState {
  ctx: ChatCtx;
  staff: { db: Db; log: Logger; user: { id: string; email: string; name: string; role: "ADMIN" } };
  /** documentId → article basename ("shipping"). */
  articles: Map<string, string>;
  /** "documentId#position" → chunk text. */
  chunks: Map<string, string>;
}

/** Runs every question as real turns and scores it. The database must be prepared. */
export async function runEvaluation(
  db: Db,
  log: Logger,
  questions: readonly EvalQuestion[],
  onResult?: (result: QuestionResult, index: number) => void,
): Promise<QuestionResult[]> {
  const state = await loadState(db, log);
  const results: QuestionResult[] = [];
  for (const [index, question] of questions.entries()) {
    const result = await evaluateQuestion(state, question);
    results.push(result);
    onResult?.(result, index);
  }
  return results;
}

async function loadState(db: Db, log: Logger): Promise<EvalState> {
  const documents = await db.knowledgeDocument.findMany({ select: { id: true, sourceKey: true } });
  const chunks = await db.knowledgeChunk.findMany({ select: { documentId: true, position: true, text: true } });
  const admin = await db.user.upsert({
    where: { email: "eval-staff@shopwise.local" },
    create: { email: "eval-staff@shopwise.local", name: "Evaluation", role: "ADMIN" },
    update: {},
  });
  return {
    ctx: { db, log, user: null, ip: "198.51.100.10" },
    staff: { db, log, user: { id: admin.id, email: admin.email, name: "Evaluation", role: "ADMIN" } },
    articles: new Map(documents.map((d) => [d.id, (d.sourceKey ?? d.id).replace(/\.md$/, "")])),
    chunks: new Map(chunks.map((c) => [`${c.documentId}#${c.position}`, c.text])),
  };
}

async function evaluateQuestion(state: EvalState, question: EvalQuestion): Promise<QuestionResult> {
  const live = question.product ? await freshenProduct(state, question) : null;
  const messages: TurnMessage[] = [];
  for (const earlier of question.history ?? []) {
    messages.push(textMessage("user", earlier));
    const previous = await runTurn(state.ctx, messages);
    messages.push(textMessage("assistant", previous.answer.trim() || "…"));
  }
  messages.push(textMessage("user", question.question));
  const { passages: retrieved } = await retrieveForTurn(state.ctx, messages);
  const outcome = await runTurn(state.ctx, messages);
  const answer = outcome.answer.trim();

  const summaries: RetrievedSummary[] = retrieved.map((p) =>
    p.kind === "document"
      ? {
          kind: p.kind,
          key: state.articles.get(p.documentId) ?? p.documentId,
          title: p.heading || p.title,
          matchesPassage: matchesPassage(question, state.articles.get(p.documentId), p.text),
        }
      : { kind: p.kind, key: p.slug, title: p.title, matchesPassage: false },
  );
  const refused = isRefusal(answer);
  const answerable = question.expect === "answer";
  return {
    question,
    answer,
    tools: outcome.tools.map((t) => t.name),
    retrieved: summaries,
    hitAt1: question.passage ? !!summaries[0]?.matchesPassage : null,
    hitAt5: question.passage ? summaries.slice(0, TOP_K).some((s) => s.matchesPassage) : null,
    factInAnswer: answerable && question.facts?.length ? containsAllFacts(answer, question.facts) : null,
    liveProduct: live ? statesLiveProduct(answer, live) : null,
    liveExpected: live,
    refused,
    correctRefusal: answerable
      ? null
      : refused && (question.expect !== "language" || normalise(answer).includes("english")),
    falseRefusal: answerable ? refused : null,
    citations: await scoreCitations(state, answer, outcome),
    ttftMs: outcome.ttftMs,
  };
}

function matchesPassage(question: EvalQuestion, article: string | undefined, text: string): boolean {
  if (!question.passage || article !== question.passage.document) return false;
  return normalisePassage(text).includes(normalisePassage(question.passage.contains));
}

/** Every marker, with whether the source it names backs the sentence it follows. */
async function scoreCitations(state: EvalState, answer: string, outcome: TurnOutcome) {
  const resolved = new Map<number, CitedSource | null>();
  const scored: QuestionResult["citations"] = [];
  for (const { source, sentence } of citationsWithSentences(answer)) {
    if (!resolved.has(source)) resolved.set(source, await resolveSource(state, outcome.sources.get(String(source))));
    const text = resolved.get(source)?.text;
    scored.push({ source, sentence, supported: !!text && citationSupported(sentence, text) });
  }
  return scored;
}

/** A source-url as its reader opens it: the help passage at its anchor, or the product page now. */
async function resolveSource(
  state: EvalState,
  part: { url: string; title: string } | undefined,
): Promise<CitedSource | null> {
  if (!part) return null;
  const help = /^\/help\/([^/#?]+)[^#]*#passage-(\d+)$/.exec(part.url);
  if (help) return { ...part, text: state.chunks.get(`${help[1]}#${help[2]}`) ?? null };
  const productPage = /^\/products\/([^/#?]+)$/.exec(part.url);
  if (!productPage) return { ...part, text: null };
  const product = await state.ctx.db.product.findUnique({ where: { slug: productPage[1] } });
  if (!product) return { ...part, text: null };
  const availability = product.stock === 0 ? "out of stock" : `in stock, only ${product.stock} left`;
  return { ...part, text: `${product.name} ${product.description} $${product.price.toFixed(2)} ${availability}` };
}

/**
 * A price and stock the answer cannot have seen before (deterministic per question, so runs
 * compare), set through the staff service like a real edit, which invalidates the catalog cache.
 */
async function freshenProduct(state: EvalState, question: EvalQuestion) {
  const product = await state.ctx.db.product.findUnique({ where: { slug: question.product!.slug } });
  if (!product)
    throw new Error(`${question.id}: product "${question.product!.slug}" is not in the demo catalog (seed 42)`);
  const random = seededRandom(question.id);
  const price = (5 + Math.floor(random() * 89_500) / 100).toFixed(2);
  const roll = random();
  const stock = roll < 0.25 ? 0 : roll < 0.5 ? 1 + Math.floor(random() * 4) : 5 + Math.floor(random() * 196);
  await updateProduct(state.staff, { id: product.id, price, stock, active: true });
  return { price, stock };
}

/** The exact price, and availability that matches the stock ("out of stock", "in stock", "only N left"). */
export function statesLiveProduct(answer: string, live: { price: string; stock: number }): boolean {
  const text = normalise(answer);
  const priced = new RegExp(`(?<![\\d.,])${live.price.replace(".", "\\.")}(?![\\d])`).test(text);
  const outOfStock = /\bout of stock\b/.test(text);
  if (live.stock === 0) return priced && outOfStock;
  const inStock =
    /\bin stock\b/.test(text.replace(/\bout of stock\b/g, "")) || text.includes(`only ${live.stock} left`);
  return priced && inStock && !outOfStock;
}

function seededRandom(key: string) {
  let state = createHash("sha256").update(key).digest().readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
