"use client";

import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import {
  httpBatchLink,
  httpBatchStreamLink,
  httpSubscriptionLink,
  loggerLink,
  retryLink,
  splitLink,
  TRPCClientError,
} from "@trpc/client";
import { createTRPCReact } from "@trpc/react-query";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { useState } from "react";
import superjson from "superjson";
import type { AppRouter } from "~/server/api/root";
import { createQueryClient } from "./query-client";

let clientQueryClient: QueryClient | undefined;
function getQueryClient() {
  // Server: a new client per request. Browser: one for the page's lifetime.
  if (typeof window === "undefined") return createQueryClient();
  return (clientQueryClient ??= createQueryClient());
}

export const api = createTRPCReact<AppRouter>();

function baseUrl() {
  if (typeof window !== "undefined") return window.location.origin;
  // Server rendering only fetches for queries no RSC prefetched: it calls this very deployment.
  if (process.env.VERCEL_URL) return `https://${process.env.VERCEL_URL}`;
  return `http://localhost:${process.env.PORT ?? 3000}`;
}

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

const headers = () => ({ "x-trpc-source": "nextjs-react" });

/** A subscription that failed for a reason that passes (throttled, unavailable) tries again, for about ten minutes. */
function retrySubscription({ error, attempts }: { error: TRPCClientError<AppRouter>; attempts: number }) {
  const status = error.data?.httpStatus;
  return attempts < 25 && (status === undefined || status === 429 || status >= 500);
}
/** The server refuses batches over TRPC_MAX_BATCH (at least 10): the browser stays within that. */
const maxItems = 10;

export function TRPCReactProvider({ children }: { children: React.ReactNode }) {
  const queryClient = getQueryClient();
  const [trpcClient] = useState(() =>
    api.createClient({
      links: [
        // Only failures that are ours: validation errors are the form's to show, not the console's.
        loggerLink({
          enabled: (op) =>
            op.direction === "down" &&
            op.result instanceof TRPCClientError &&
            op.result.data?.code === "INTERNAL_SERVER_ERROR",
        }),
        // Subscriptions are server-sent events, resumed from their last event id on reconnect.
        // Queries stream. Mutations do not: a streamed response commits to its status (200) before
        // the procedure runs, and a write's failure must answer with its own.
        splitLink({
          condition: (op) => op.type === "subscription",
          true: [
            // tRPC's link retries only outages by itself: a throttled (re)connect, as in the burst
            // after a deploy, is retried here with backoff. Refusals (4xx) are final.
            retryLink({ retry: retrySubscription, retryDelayMs: (attempt) => Math.min(30_000, 1_000 * 2 ** attempt) }),
            httpSubscriptionLink({ transformer: superjson, url: `${baseUrl()}/api/trpc` }),
          ],
          false: splitLink({
            condition: (op) => op.type === "mutation",
            true: httpBatchLink({ transformer: superjson, url: `${baseUrl()}/api/trpc`, headers, maxItems }),
            false: httpBatchStreamLink({ transformer: superjson, url: `${baseUrl()}/api/trpc`, headers, maxItems }),
          }),
        }),
      ],
    }),
  );

  return (
    <QueryClientProvider client={queryClient}>
      <api.Provider client={trpcClient} queryClient={queryClient}>
        {children}
      </api.Provider>
    </QueryClientProvider>
  );
}
