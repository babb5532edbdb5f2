import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

/** What every log line, job and SQL comment of one request (or one job run) shares. */
export interface RequestContext {
  correlationId: string;
  userId?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const CORRELATION_HEADER = "x-correlation-id";

// Accept a caller's ID only when it looks like one: it ends up in every log line.
const SAFE_ID = /^[A-Za-z0-9._:-]{8,128}$/;

export function correlationIdFrom(value: string | null | undefined): string {
  return value && SAFE_ID.test(value) ? value : randomUUID();
}

export function runWithContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

export function currentCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}
