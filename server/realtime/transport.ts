/** What the bus (server/realtime/bus.ts) needs of a transport: publish, and a listener. */

export type TransportKind = "postgres" | "redis";
export type BusState = "stopped" | "connecting" | "listening" | "reconnecting";

/** One message on the wire: its channel, the instance that sent it, and its payload. */
export interface Envelope {
  channel: string;
  origin: string;
  data: unknown;
}

export interface ListenerEvents {
  onMessage: (envelope: Envelope) => void;
  /** Each change of the listening connection: listening, or lost and reconnecting. */
  onState: (state: "listening" | "reconnecting", error?: unknown) => void;
}

export interface Listener {
  close: () => Promise<void>;
}

/** Parses a wire message; null for anything that is not an envelope (another app's traffic). */
export function parseEnvelope(raw: string): Envelope | null {
  try {
    const value = JSON.parse(raw) as Partial<Envelope>;
    return typeof value?.channel === "string" && typeof value.origin === "string" && "data" in value
      ? (value as Envelope)
      : null;
  } catch {
    return null;
  }
}

/** Delay before reconnect attempt `n` (0-based): 250 ms doubling to 5 s. */
export const reconnectDelayMs = (attempt: number) => Math.min(5_000, 250 * 2 ** attempt);
