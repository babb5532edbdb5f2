import { z } from "zod";
import { timeOutput } from "../../inputs";
import { createTRPCRouter, publicProcedure } from "../trpc";

export const healthRouter = createTRPCRouter({
  /** Cheapest round trip through the whole tRPC stack (used by the transport benchmark). */
  ping: publicProcedure
    .meta({
      scope: "any",
      openapi: {
        method: "GET",
        path: "/health/ping",
        tags: ["Health"],
        summary: "Round trip through the API",
        protect: false,
      },
    })
    .output(z.object({ ok: z.literal(true), time: timeOutput }))
    .query(() => ({ ok: true as const, time: new Date() })),
});
