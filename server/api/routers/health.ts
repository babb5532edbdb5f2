import { createTRPCRouter, publicProcedure } from "../trpc";

export const healthRouter = createTRPCRouter({
  /** Cheapest round trip through the whole tRPC stack (used by the transport benchmark). */
  ping: publicProcedure.meta({ scope: "any" }).query(() => ({ ok: true as const, time: new Date() })),
});
