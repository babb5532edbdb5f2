import type { UIMessageChunk } from "ai";

/**
 * Sources are what the answer used. The model reads every retrieved passage as a numbered
 * <source n="…"> block and cites [n]; the shopper sees only the passages it cited, renumbered
 * 1, 2, 3 in order of first citation. Markers are rewritten while they stream: a marker split
 * across deltas (`[`, `[1`, `[1,`) is held back until it is whole, `[1][3]`, `[1, 3]` and
 * `[1,3]` all become `[1][2]`, and a marker citing a number that is not among the sources is
 * dropped with the space before it. Each source is announced (a `source-url` chunk) the first
 * time it is cited, so a refusal or a tool's answer lists none.
 */

export interface CitableSource {
  /** The number the model saw in its prompt. */
  n: number;
  url: string;
  title: string;
}

/** One run of citation groups. 1–3 digits: "[2024]" is a year, not a source. Not a Markdown link. */
const MARKER_RUN = /([ \t]{0,64}|\s{0,64})((?:\[ ?\d{1,3}(?: ?, ?\d{1,3}){0,9} ?\])+)(?!\()/g;
/** What may still grow into a marker run: trailing space, whole groups, an open group. */
const OPEN_TAIL = /\s*(?:\[\s*\d{1,3}(?:\s*,\s*\d{1,3})*\s*\])*(?:\[[\d\s,]*)?$/;
/** Higher numbers in brackets that cite nothing are kept as text. */
const MAX_CITATION = 20;
/** Past this a held tail is no marker in the making (a model emitting a wall of spaces). */
const MAX_HELD_CHARS = 64;

export interface Rewritten {
  text: string;
  /** Sources cited for the first time in `text`, with their display numbers. */
  cited: CitableSource[];
}

export interface CitationRewriter {
  /** The part of `delta` (of text part `id`) that can be shown now, rewritten. */
  push(id: string, delta: string): Rewritten;
  /** The rest of text part `id`, at its end. */
  end(id: string): Rewritten;
  /** Text parts still holding text back. */
  openParts(): string[];
}

/** One rewriter per answer: its numbering spans every text part of the message. */
export function createCitationRewriter(sources: readonly CitableSource[]): CitationRewriter {
  const byNumber = new Map(sources.map((s) => [s.n, s]));
  const displayOf = new Map<number, number>();
  const parts = new Map<string, { held: string; started: boolean }>();

  function rewrite(id: string, text: string): Rewritten {
    const part = parts.get(id) ?? { held: "", started: false };
    parts.set(id, part);
    const cited: CitableSource[] = [];
    let out = text.replace(MARKER_RUN, (marker: string, space: string, groups: string) => {
      const numbers = [...groups.matchAll(/\d+/g)].map(([digits]) => Number(digits));
      // "[38, 40]" in a size answer is text, not a citation: no prompt has that many sources.
      if (!numbers.some((n) => byNumber.has(n)) && Math.max(...numbers) > MAX_CITATION) return marker;
      const shown: number[] = [];
      for (const [digits] of groups.matchAll(/\d+/g)) {
        const source = byNumber.get(Number(digits));
        if (!source) continue;
        let display = displayOf.get(source.n);
        if (display === undefined) {
          display = displayOf.size + 1;
          displayOf.set(source.n, display);
          cited.push({ ...source, n: display });
        }
        if (!shown.includes(display)) shown.push(display);
      }
      // A dropped marker takes the space before it, but not a line break (paragraphs stay apart).
      return shown.length ? space + shown.map((d) => `[${d}]`).join("") : space.includes("\n") ? space : "";
    });
    // A dropped marker at the very start of the answer leaves no leading space behind.
    if (!part.started) out = out.trimStart();
    if (out) part.started = true;
    return { text: out, cited };
  }

  return {
    push(id, delta) {
      const text = (parts.get(id)?.held ?? "") + delta;
      // Only the end can be a marker in the making: look at no more of it than could be held
      // (a regex anchored at $ over the whole text is quadratic on a long run of spaces).
      const from = Math.max(0, text.length - MAX_HELD_CHARS - 1);
      let cut = from + OPEN_TAIL.exec(text.slice(from))!.index;
      if (text.length - cut > MAX_HELD_CHARS) cut = text.length;
      const result = rewrite(id, text.slice(0, cut));
      parts.get(id)!.held = text.slice(cut);
      return result;
    },
    end(id) {
      const held = parts.get(id)?.held ?? "";
      const result = rewrite(id, held);
      parts.delete(id);
      return result;
    },
    openParts: () => [...parts.keys()],
  };
}

const sourceChunk = (s: CitableSource): UIMessageChunk => ({
  type: "source-url",
  sourceId: String(s.n),
  url: s.url,
  title: s.title,
});

/** Chunks after which no held text may stay behind. */
const ENDINGS = new Set<UIMessageChunk["type"]>(["finish-step", "finish", "abort", "error"]);

/** Rewrites the citations of a UI message stream and announces each source when first cited. */
export function citedSourcesTransform(
  sources: readonly CitableSource[],
): TransformStream<UIMessageChunk, UIMessageChunk> {
  const rewriter = createCitationRewriter(sources);
  const emit = (controller: TransformStreamDefaultController<UIMessageChunk>, id: string, out: Rewritten) => {
    out.cited.forEach((s) => controller.enqueue(sourceChunk(s)));
    if (out.text) controller.enqueue({ type: "text-delta", id, delta: out.text });
  };
  const flushAll = (controller: TransformStreamDefaultController<UIMessageChunk>) =>
    rewriter.openParts().forEach((id) => emit(controller, id, rewriter.end(id)));

  return new TransformStream({
    transform(chunk, controller) {
      if (chunk.type === "text-delta") {
        const out = rewriter.push(chunk.id, chunk.delta);
        out.cited.forEach((s) => controller.enqueue(sourceChunk(s)));
        if (out.text) controller.enqueue({ ...chunk, delta: out.text });
        return;
      }
      if (chunk.type === "text-end") emit(controller, chunk.id, rewriter.end(chunk.id));
      else if (ENDINGS.has(chunk.type)) flushAll(controller);
      controller.enqueue(chunk);
    },
    flush: flushAll,
  });
}

interface StoredPart {
  type: string;
  text?: unknown;
  sourceId?: unknown;
  url?: unknown;
  title?: unknown;
}

/**
 * A stored answer with the same rule applied: answers saved before it listed every retrieved
 * passage and cited their prompt numbers. Idempotent, so answers saved since pass unchanged.
 */
export function withCitedSources<M extends { role: string; parts: unknown[] }>(message: M): M {
  const parts = message.parts as StoredPart[];
  if (message.role !== "assistant" || !parts.some((p) => p.type === "source-url")) return message;
  const rewriter = createCitationRewriter(
    parts.flatMap((p) =>
      p.type === "source-url" && typeof p.url === "string"
        ? [{ n: Number(p.sourceId), url: p.url, title: typeof p.title === "string" ? p.title : p.url }]
        : [],
    ),
  );
  const rewritten = parts.flatMap((part, i): unknown[] => {
    if (part.type === "source-url") return [];
    if (part.type !== "text" || typeof part.text !== "string") return [part];
    const id = String(i);
    const head = rewriter.push(id, part.text);
    const tail = rewriter.end(id);
    return [{ ...part, text: head.text + tail.text }, ...[...head.cited, ...tail.cited].map(sourceChunk)];
  });
  return { ...message, parts: rewritten };
}
