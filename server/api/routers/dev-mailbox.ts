import { getEnv } from "../../env";
import { NotFoundError } from "../../errors";
import { listOutbox } from "../../mail/mail.service";
import { cursorPageInput } from "../pagination";
import { createTRPCRouter, publicProcedure } from "../trpc";

/** Outbox mail for local development; absent (NOT_FOUND) unless DEV_MAILBOX is on. */
const devOnlyProcedure = publicProcedure.use(({ next }) => {
  if (!getEnv().DEV_MAILBOX) throw new NotFoundError("DEV_MAILBOX_DISABLED", "The dev mailbox is turned off.");
  return next();
});

export const devMailboxRouter = createTRPCRouter({
  list: devOnlyProcedure
    .input(cursorPageInput({ defaultLimit: 20, maxLimit: 50 }))
    .query(({ ctx, input }) => listOutbox(ctx.db, { cursor: input.cursor ?? undefined, limit: input.limit })),
});
