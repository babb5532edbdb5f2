import "server-only";
import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import { guardedLookup, hostOf, isPrivateAddress, PrivateAddressError } from "./url-safety";

/** How long one attempt may take, connection to last byte read. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** What is kept of a receiver's answer (for the delivery list), and read of it at most. */
const RESPONSE_EXCERPT_CHARS = 200;

export interface PostOutcome {
  statusCode: number | null;
  /** Why the attempt failed: the answer's excerpt, a network error, the timeout. Null on a 2xx. */
  error: string | null;
  durationMs: number;
  ok: boolean;
  /** Retrying cannot help (the address is refused): the delivery fails at once. */
  permanent: boolean;
}

interface PostOptions {
  headers: Record<string, string>;
  allowPrivate: boolean;
  signal?: AbortSignal;
  timeoutMs?: number;
}

/**
 * One POST of a webhook body. Redirects are not followed (a 3xx is a failure: a redirect could
 * lead inside the network); unless private addresses are allowed, the address connected to is
 * checked, literal or resolved. Never throws: every failure is an outcome.
 */
export function postWebhook(url: string, body: string, options: PostOptions): Promise<PostOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const target = new URL(url);
  const host = hostOf(target);
  if (!options.allowPrivate && isIP(host) && isPrivateAddress(host))
    return Promise.resolve(failure(new PrivateAddressError(host), 0));

  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: PostOutcome) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    const timeout = AbortSignal.timeout(options.timeoutMs ?? WEBHOOK_TIMEOUT_MS);
    const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
    const client = target.protocol === "https:" ? https : http;
    const request = client.request(
      target,
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "content-length": String(Buffer.byteLength(body)),
          "user-agent": "Shopwise-Webhooks/1.0",
          ...options.headers,
        },
        signal,
        ...(!options.allowPrivate && { lookup: guardedLookup }),
      },
      (response) => {
        const statusCode = response.statusCode ?? 0;
        const ok = statusCode >= 200 && statusCode < 300;
        let excerpt = "";
        const finish = () => {
          settle({
            statusCode,
            error: ok ? null : `HTTP ${statusCode}${excerpt.trim() ? `: ${excerpt.trim()}` : ""}`,
            durationMs: elapsed(),
            ok,
            permanent: false,
          });
          // Whatever else the receiver sends is not read: a slow or endless body holds nothing.
          response.destroy();
        };
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          excerpt += chunk;
          if (excerpt.length >= RESPONSE_EXCERPT_CHARS) {
            excerpt = excerpt.slice(0, RESPONSE_EXCERPT_CHARS);
            finish();
          }
        });
        response.on("end", finish);
        response.on("error", finish);
      },
    );
    request.on("error", (error) => settle(failure(timeout.aborted ? new Error("timed out") : error, elapsed())));
    request.end(body);
  });
}

function failure(error: Error, durationMs: number): PostOutcome {
  const code = (error as NodeJS.ErrnoException).code;
  const message = error instanceof PrivateAddressError ? error.message : `${code ? `${code}: ` : ""}${error.message}`;
  return { statusCode: null, error: message, durationMs, ok: false, permanent: error instanceof PrivateAddressError };
}
