/**
 * @shopwise/client: Shopwise's tRPC API, typed, for scripts and services that hold an API key.
 *
 * The router's types come from the server (server/api/root.ts) at build time and ship as one
 * self-contained declaration file; none of the server's code does (ADR 021).
 */
import { createTRPCClient, httpBatchLink, TRPCClientError, type TRPCClient } from "@trpc/client";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import superjson from "superjson";
import type { AppRouter } from "../../../server/api/root";

export type { AppRouter };
export { TRPCClientError };

/** Every procedure's input, by path: `ShopwiseInputs["orders"]["create"]`. */
export type ShopwiseInputs = inferRouterInputs<AppRouter>;
/** Every procedure's result, by path: `ShopwiseOutputs["orders"]["byId"]`. */
export type ShopwiseOutputs = inferRouterOutputs<AppRouter>;
export type ShopwiseClient = TRPCClient<AppRouter>;

type Fetch = NonNullable<Parameters<typeof httpBatchLink>[0]["fetch"]>;

export interface ShopwiseClientOptions {
  /** The shop's address, e.g. `https://shop.example.com` (the API is under `/api/trpc`). */
  baseUrl: string;
  /** A key from /account/api-keys (`sw_…`); it needs the scope of each procedure you call. */
  apiKey: string;
  /** A fetch of your own (a proxy agent, a test double); the global one otherwise. */
  fetch?: Fetch;
  /** Extra headers on every request. The Authorization header is always the key's. */
  headers?: Record<string, string>;
}

/** The server refuses batches over TRPC_MAX_BATCH, which is never below 10. */
const MAX_BATCH = 10;

export function createShopwiseClient(options: ShopwiseClientOptions): ShopwiseClient {
  if (!options.apiKey) throw new TypeError("createShopwiseClient needs an apiKey (create one at /account/api-keys).");
  const url = `${options.baseUrl.replace(/\/+$/, "")}/api/trpc`;
  const headers = { ...options.headers, authorization: `Bearer ${options.apiKey}` };
  return createTRPCClient<AppRouter>({
    links: [
      // Not the streaming batch link: a mutation's answer should arrive once the write is done.
      httpBatchLink({ url, transformer: superjson, maxItems: MAX_BATCH, headers: () => headers, fetch: options.fetch }),
    ],
  });
}

/** A failure the server answered with its error body (not a network failure). */
export type ShopwiseError = TRPCClientError<AppRouter> & { data: NonNullable<TRPCClientError<AppRouter>["data"]> };
export type ShopwiseErrorData = ShopwiseError["data"];

/** True when the server refused the call with its error body: `data.appCode`, `fieldErrors`, `details`. */
export function isShopwiseError(error: unknown): error is ShopwiseError {
  return (
    error instanceof TRPCClientError && typeof (error.data as { appCode?: unknown } | undefined)?.appCode === "string"
  );
}

/** The stable reason a call failed (`OUT_OF_STOCK`, `VALIDATION_FAILED`, `UNAUTHORIZED` …), or null. */
export function appCodeOf(error: unknown): string | null {
  return isShopwiseError(error) ? error.data.appCode : null;
}

/** Messages per input field (`{ "lines.0.quantity": ["Order at most 99 of one item."] }`), or null. */
export function fieldErrorsOf(error: unknown): Record<string, string[]> | null {
  return isShopwiseError(error) ? error.data.fieldErrors : null;
}
