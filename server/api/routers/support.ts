import { z } from "zod";
import { openSupportThreadInput, postSupportMessageInput, supportThreadIdInput } from "../../support/support.schemas";
import {
  getThreadForShopper,
  markShopperSeen,
  openThread,
  postShopperMessage,
  watchThread,
} from "../../support/support.service";
import { liveInputShape } from "../../realtime/live";
import { idInput } from "../../inputs";
import { type ProcedureMeta, createTRPCRouter, publicProcedure } from "../trpc";

type OpenApiRoute = NonNullable<ProcedureMeta["openapi"]>;

const threadRoute = (method: "GET" | "POST", suffix: string, summary: string): OpenApiRoute => ({
  method,
  path: `/support/threads/{threadId}${suffix}`,
  tags: ["Support"],
  summary,
  protect: true,
});

/**
 * The shopper's side of a handoff from the assistant to a person. Visitors reach their thread by
 * the access token in their support cookie (ctx.supportToken), signed-in shoppers by their account;
 * every thread procedure goes through requireThreadOwner.
 */
export const supportRouter = createTRPCRouter({
  open: publicProcedure
    .meta({
      scope: "assistant:chat",
      rateLimit: "assistant",
      openapi: {
        method: "POST",
        path: "/support/threads",
        tags: ["Support"],
        summary: "Talk to a person",
        protect: true,
      },
    })
    .input(openSupportThreadInput)
    .mutation(({ ctx, input }) => openThread(ctx, input)),
  thread: publicProcedure
    .meta({
      ownerScoped: "owner-only",
      scope: "assistant:chat",
      rateLimit: "assistant",
      openapi: threadRoute("GET", "", "Your support conversation"),
    })
    .input(supportThreadIdInput)
    .query(({ ctx, input }) => getThreadForShopper(ctx, input.threadId)),
  send: publicProcedure
    .meta({
      ownerScoped: "owner-only",
      scope: "assistant:chat",
      rateLimit: "assistant",
      openapi: threadRoute("POST", "/messages", "Write to support"),
    })
    .input(postSupportMessageInput)
    .mutation(({ ctx, input }) => postShopperMessage(ctx, input)),
  markSeen: publicProcedure
    .meta({
      ownerScoped: "owner-only",
      scope: "assistant:chat",
      rateLimit: "assistant",
      openapi: threadRoute("POST", "/seen", "You have read the replies"),
    })
    .input(supportThreadIdInput)
    .mutation(({ ctx, input }) => markShopperSeen(ctx, input.threadId)),
  /** New messages and the close, live (server-sent events, resumable; not a REST route). */
  onThread: publicProcedure
    .meta({ ownerScoped: "owner-only", scope: "assistant:chat" })
    .input(z.strictObject({ threadId: idInput, ...liveInputShape }))
    .subscription(({ ctx, input, signal }) =>
      watchThread(ctx, input.threadId, { lastEventId: input.lastEventId, signal }),
    ),
});
