import "server-only";
import { createHydrationHelpers } from "@trpc/react-query/rsc";
import { headers } from "next/headers";
import { cache } from "react";
import { createCaller, type AppRouter } from "~/server/api/root";
import { createContext } from "~/server/api/trpc";
import { getCurrentUser } from "~/app/_lib/session";
import { createQueryClient } from "./query-client";

/** RSC side of tRPC: call procedures in server components and prefetch for client ones. */
const createRscContext = cache(async () => {
  const heads = new Headers(await headers());
  heads.set("x-trpc-source", "rsc");
  return createContext({ headers: heads, user: await getCurrentUser() });
});

const getQueryClient = cache(createQueryClient);
const caller = createCaller(createRscContext);

export const { trpc: api, HydrateClient } = createHydrationHelpers<AppRouter>(caller, getQueryClient);
