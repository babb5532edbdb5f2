import { z } from "zod";
import {
  closeThread,
  getThreadForStaff,
  listInbox,
  markStaffSeen,
  postStaffMessage,
  watchInbox,
  watchThreadForStaff,
} from "../../support/support-staff.service";
import { listSupportInboxInput, postSupportMessageInput, supportThreadIdInput } from "../../support/support.schemas";
import { liveInput, liveInputShape } from "../../realtime/live";
import { idInput } from "../../inputs";
import { type ProcedureMeta, createTRPCRouter, staffProcedure } from "../trpc";

type OpenApiRoute = NonNullable<ProcedureMeta["openapi"]>;

const threadRoute = (method: "GET" | "POST", suffix: string, summary: string): OpenApiRoute => ({
  method,
  path: `/admin/support/threads/{threadId}${suffix}`,
  tags: ["Back office"],
  summary,
  protect: true,
});

/** The support inbox of the back office (staff): conversations handed over by the assistant. */
export const supportAdminRouter = createTRPCRouter({
  inbox: staffProcedure
    .meta({
      scope: "backoffice:read",
      openapi: {
        method: "GET",
        path: "/admin/support/threads",
        tags: ["Back office"],
        summary: "Support conversations, newest activity first",
        protect: true,
      },
    })
    .input(listSupportInboxInput)
    .query(({ ctx, input }) => listInbox(ctx, input)),
  thread: staffProcedure
    .meta({ scope: "backoffice:read", openapi: threadRoute("GET", "", "A support conversation (audited)") })
    .input(supportThreadIdInput)
    .query(({ ctx, input }) => getThreadForStaff(ctx, input.threadId)),
  reply: staffProcedure
    .meta({ scope: "backoffice:write", openapi: threadRoute("POST", "/messages", "Reply to the shopper") })
    .input(postSupportMessageInput)
    .mutation(({ ctx, input }) => postStaffMessage(ctx, input)),
  markSeen: staffProcedure
    .meta({ scope: "backoffice:write", openapi: threadRoute("POST", "/seen", "Mark the shopper's messages read") })
    .input(supportThreadIdInput)
    .mutation(({ ctx, input }) => markStaffSeen(ctx, input.threadId)),
  close: staffProcedure
    .meta({ scope: "backoffice:write", openapi: threadRoute("POST", "/close", "Close the conversation") })
    .input(supportThreadIdInput)
    .mutation(({ ctx, input }) => closeThread(ctx, input.threadId)),
  /** Threads opened, written to, read or closed, live (server-sent events, resumable). */
  onInbox: staffProcedure
    .meta({ scope: "backoffice:read" })
    .input(liveInput)
    .subscription(({ ctx, input, signal }) => watchInbox(ctx, { lastEventId: input.lastEventId, signal })),
  onThread: staffProcedure
    .meta({ scope: "backoffice:read" })
    .input(z.strictObject({ threadId: idInput, ...liveInputShape }))
    .subscription(({ ctx, input, signal }) =>
      watchThreadForStaff(ctx, input.threadId, { lastEventId: input.lastEventId, signal }),
    ),
});
