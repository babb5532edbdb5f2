import "server-only";
import { isDatabaseUnavailable } from "../db/errors";
import type { Logger } from "../observability/logger";

/**
 * pg-boss emits "error" from every poll loop, heartbeat and maintenance pass: during a database
 * outage that is hundreds of events a minute, and its error objects can carry a whole pg client.
 * This turns them into state changes: one error line when the queue loses the database, one info
 * line when a probe finds it back, and one line per distinct other failure until then. Only the
 * message, code and queue are logged, never the raw object.
 */

type QueueError = { code?: unknown; message?: unknown; queue?: unknown };

export interface QueueErrorReporterOptions {
  log: () => Logger;
  /** True while the queue is stopping: errors of the connections it closes are expected then. */
  stopping: () => boolean;
  /** A cheap query through the queue's pool; resolves once the database answers again. */
  probe: () => Promise<unknown>;
  probeIntervalMs?: number;
  /**
   * How long a lost database must stay lost, with no stop begun, before the loss is logged (default
   * 1 s; 0 logs at once). Ctrl-C reaches PostgreSQL too, and its "terminating connection" can arrive
   * a few milliseconds before this process handles the same signal: that is a stop, not an alarm.
   */
  lossConfirmMs?: number;
}

export function createQueueErrorReporter(options: QueueErrorReporterOptions) {
  let unavailableSince: number | undefined;
  let suppressed = 0;
  const seen = new Set<string>();
  let timer: NodeJS.Timeout | undefined;

  const summary = (error: QueueError) => ({
    message: typeof error.message === "string" ? error.message.slice(0, 500) : String(error.message),
    ...(typeof error.code === "string" && { code: error.code }),
    ...(typeof error.queue === "string" && { queue: error.queue }),
  });

  function startProbing() {
    timer ??= setInterval(() => {
      options.probe().then(recovered, () => {});
    }, options.probeIntervalMs ?? 2000);
    timer.unref();
  }

  function recovered() {
    if (unavailableSince === undefined) return;
    options
      .log()
      .info({ downForMs: Date.now() - unavailableSince, suppressedErrors: suppressed }, "job queue reconnected");
    reset();
  }

  function reset() {
    unavailableSince = undefined;
    suppressed = 0;
    seen.clear();
    if (timer) clearInterval(timer);
    timer = undefined;
  }

  function logLoss(error: QueueError) {
    if (options.stopping()) options.log().debug({ error: summary(error) }, "job queue error while stopping");
    else options.log().error({ error: summary(error) }, "job queue lost the database; retrying quietly");
  }

  function report(raw: unknown) {
    const error = (raw && typeof raw === "object" ? raw : { message: String(raw) }) as QueueError;
    if (options.stopping()) {
      options.log().debug({ error: summary(error) }, "job queue error while stopping");
      return;
    }
    if (isDatabaseUnavailable(error)) {
      if (unavailableSince !== undefined) {
        suppressed++;
        return;
      }
      unavailableSince = Date.now();
      startProbing();
      const confirmMs = options.lossConfirmMs ?? 1_000;
      if (confirmMs === 0) logLoss(error);
      else setTimeout(() => logLoss(error), confirmMs).unref();
      return;
    }
    const key = `${String(error.code ?? "")}:${String(error.message ?? "")}`;
    if (seen.has(key)) {
      suppressed++;
      return;
    }
    seen.add(key);
    options.log().error({ error: summary(error) }, "job queue error");
    // Forget distinct errors after a while so a recurring one is seen again, not hidden forever.
    setTimeout(() => seen.delete(key), 60_000).unref();
  }

  return { report, reset, isUnavailable: () => unavailableSince !== undefined };
}
