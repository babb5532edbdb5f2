import { Writable } from "node:stream";
import { createLogger, getLogger, setLogger, type Logger } from "../observability/logger";

/** Swaps the app logger for one with the same configuration that records its JSON lines. */
export function captureLogs() {
  const original: Logger = getLogger();
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      raw.push(...chunk.toString().split("\n").filter(Boolean));
      done();
    },
  });
  setLogger(createLogger(stream, "trace"));
  return {
    original,
    raw,
    lines: () => raw.map((l) => JSON.parse(l) as Record<string, unknown>),
    restore: () => setLogger(original),
  };
}
