import "server-only";
import type { UIMessageChunk } from "ai";
import { ConflictError, UnavailableError } from "../errors";
import type { Logger } from "../observability/logger";
import type { StoredMessage } from "./conversations.service";

/**
 * Answers survive a reload or a dropped connection (ADR 015): every UI message chunk of a
 * running turn is kept, the turn is read to its end here whoever listens, and any number of
 * readers replay it from its first chunk and then follow it live. A turn stops early only when
 * asked (`stop`), at its time limit, or when it outgrows its buffer.
 *
 * A turn belongs to a chat and to its caller (`owner`: "user:<id>", or "ip:<address>" for a
 * visitor): a signed-in shopper's turn is theirs alone; a visitor's is reachable by whoever
 * shares both their address (behind one NAT) and the chat's random id. This in-process implementation
 * serves one instance; several need a shared bus (issue 12: PostgreSQL LISTEN/NOTIFY).
 */
export interface TurnStreams {
  /**
   * Registers the caller's turn on a chat: ConflictError while another of theirs runs there
   * (one being stopped is waited for), UnavailableError past the limit of running turns.
   */
  open(key: TurnKey, turn: { question: StoredMessage; log: Logger }): Promise<OpenTurn>;
  /** The caller's turn on the chat, running or ended a moment ago; null when there is none. */
  get(key: TurnKey): Promise<TurnView | null>;
}

export interface TurnKey {
  chatId: string;
  owner: string;
}

/** Whose turn it is: a signed-in caller's account, else a visitor's address (ADR 015). */
export const turnKey = (caller: { user: { id: string } | null; ip: string | null }, chatId: string): TurnKey => ({
  chatId,
  owner: caller.user ? `user:${caller.user.id}` : `ip:${caller.ip ?? "unknown"}`,
});

export interface OpenTurn {
  /** Aborts the model when the turn is stopped. */
  readonly signal: AbortSignal;
  /** Reads `stream` to its end into the buffer; returns a reader of it from the start. */
  run(stream: ReadableStream<UIMessageChunk>): ReadableStream<UIMessageChunk>;
  /** Frees the slot of a turn that failed before it streamed. */
  discard(): void;
  /** Settles when the turn has ended (for hosts that must be told to keep running). */
  readonly done: Promise<void>;
}

export interface TurnView {
  readonly question: StoredMessage;
  readonly running: boolean;
  /** Every chunk so far, then the live ones until the turn ends. */
  replay(): ReadableStream<UIMessageChunk>;
  /** Asks the turn to stop; it ends (and is saved) with what it has. */
  stop(): void;
}

export interface TurnLimits {
  maxRunningTurns: number;
  maxChunks: number;
  maxBytes: number;
  /** A turn still running after this is stopped. */
  maxDurationMs: number;
  /** How long an ended turn stays readable (a reader that reconnects just after the end). */
  keepEndedMs: number;
  /** How long a new turn waits for one being stopped on the same chat. */
  stopWaitMs: number;
}

export const TURN_LIMITS: TurnLimits = {
  maxRunningTurns: 500,
  maxChunks: 20_000,
  maxBytes: 4 * 1024 * 1024,
  maxDurationMs: 5 * 60_000,
  keepEndedMs: 30_000,
  stopWaitMs: 5_000,
};

/** Chunks accepted past a full buffer: what a stopping turn still sends. Its ending always is. */
const CLOSING_CHUNKS = 32;
const ENDINGS = new Set<UIMessageChunk["type"]>(["abort", "finish", "error"]);

class BufferedTurn implements TurnView {
  readonly abort = new AbortController();
  private readonly chunks: UIMessageChunk[] = [];
  private bytes = 0;
  private wake = new Set<() => void>();
  private ended = false;
  private readonly settled = Promise.withResolvers<void>();
  readonly done = this.settled.promise;

  constructor(
    readonly question: StoredMessage,
    private readonly limits: TurnLimits,
    private readonly log: Logger,
  ) {}

  get running() {
    return !this.ended;
  }

  get stopping() {
    return this.abort.signal.aborted;
  }

  stop() {
    this.abort.abort();
  }

  append(chunk: UIMessageChunk) {
    // Past the limits only the chunks that close the stream get in, however large the rest.
    const full =
      this.chunks.length >= this.limits.maxChunks + CLOSING_CHUNKS ||
      (this.stopping && this.bytes >= this.limits.maxBytes);
    if (full && !ENDINGS.has(chunk.type)) return;
    this.bytes += JSON.stringify(chunk).length;
    this.chunks.push(chunk);
    if (!this.stopping && (this.chunks.length >= this.limits.maxChunks || this.bytes >= this.limits.maxBytes)) {
      this.log.warn({ chunks: this.chunks.length, bytes: this.bytes }, "assistant turn outgrew its buffer; stopped");
      this.stop();
    }
    this.notify();
  }

  end() {
    this.ended = true;
    this.notify();
    this.settled.resolve();
  }

  replay(): ReadableStream<UIMessageChunk> {
    let next = 0;
    let cancelled = false;
    return new ReadableStream<UIMessageChunk>(
      {
        pull: async (controller) => {
          while (next >= this.chunks.length && !this.ended)
            await new Promise<void>((resolve) => this.wake.add(resolve));
          if (cancelled) return;
          if (next < this.chunks.length) controller.enqueue(this.chunks[next++]!);
          else controller.close();
        },
        // A reader that goes away (a reload, a dropped connection) leaves the turn running.
        cancel: () => {
          cancelled = true;
        },
      },
      { highWaterMark: 0 },
    );
  }

  private notify() {
    const waiting = this.wake;
    this.wake = new Set();
    waiting.forEach((resolve) => resolve());
  }
}

/** The turns of this process. */
export function createInProcessTurnStreams(limits: TurnLimits = TURN_LIMITS): TurnStreams {
  const turns = new Map<string, BufferedTurn>();
  const keyOf = (key: TurnKey) => `${key.owner}\u0000${key.chatId}`;
  const running = () => [...turns.values()].filter((t) => t.running).length;

  return {
    async open(key, { question, log }) {
      const id = keyOf(key);
      const stopping = turns.get(id);
      if (stopping?.running && stopping.stopping)
        await Promise.race([stopping.done, new Promise((resolve) => setTimeout(resolve, limits.stopWaitMs))]);
      // Read again after the wait: another open() for this chat may have started a turn meanwhile.
      if (turns.get(id)?.running)
        throw new ConflictError(
          "TURN_IN_PROGRESS",
          "An answer is still being written in this chat. Wait for it, or stop it first.",
        );
      if (running() >= limits.maxRunningTurns)
        throw new UnavailableError("ASSISTANT_BUSY", "The assistant is answering many questions. Try again shortly.", {
          retryAfterSeconds: 10,
        });
      // Ended turns wait out keepEndedMs; under a burst the oldest go first.
      for (const [oldId, old] of turns) {
        if (turns.size < limits.maxRunningTurns * 2) break;
        if (!old.running) turns.delete(oldId);
      }
      const turn = new BufferedTurn(question, limits, log);
      turns.set(id, turn);
      const timeLimit = setTimeout(() => turn.stop(), limits.maxDurationMs).unref();
      const forget = () => {
        clearTimeout(timeLimit);
        if (turns.get(id) === turn) turns.delete(id);
      };
      return {
        signal: turn.abort.signal,
        done: turn.done,
        discard() {
          turn.end();
          forget();
        },
        run(stream) {
          void drain(stream, turn, log).finally(() => {
            turn.end();
            clearTimeout(timeLimit);
            setTimeout(forget, limits.keepEndedMs).unref();
          });
          return turn.replay();
        },
      };
    },
    async get(key) {
      return turns.get(keyOf(key)) ?? null;
    },
  };
}

async function drain(stream: ReadableStream<UIMessageChunk>, turn: BufferedTurn, log: Logger) {
  const reader = stream.getReader();
  try {
    for (let next = await reader.read(); !next.done; next = await reader.read()) turn.append(next.value);
  } catch (error) {
    // The UI message stream turns failures into error chunks; this is a failure of that machinery.
    log.error({ err: error }, "assistant turn stream failed");
    turn.append({ type: "error", errorText: "The answer was interrupted. Try again." });
  }
}

const STORE = Symbol.for("shopwise.turnStreams");
const globalStore = globalThis as { [STORE]?: TurnStreams };

/**
 * The process's turns. On globalThis because route handlers, pages and the self-hosted server
 * may each load their own copy of this module, and all must see the same turns.
 */
export const turnStreams = (): TurnStreams => (globalStore[STORE] ??= createInProcessTurnStreams());
