import { getEnv } from "../../env";
import { NotFoundError } from "../../errors";
import { cursorPageInput } from "../../inputs";
import { listOutbox } from "../../mail/mail.service";
import { adminProcedure, createTRPCRouter } from "../trpc";

/**
 * Outbox mail (every user's addresses, order details, links): ADMIN only wherever it is on, and
 * absent (NOT_FOUND) for everyone unless DEV_MAILBOX is on.
 */
const devMailboxProcedure = adminProcedure.use(({ next }) => {
  if (!getEnv().DEV_MAILBOX) throw new NotFoundError("DEV_MAILBOX_DISABLED", "The dev mailbox is turned off.");
  return next();
});

export const devMailboxRouter = createTRPCRouter({
  list: devMailboxProcedure
    .input(cursorPageInput({ defaultLimit: 20, maxLimit: 50 }))
    .query(({ ctx, input }) => listOutbox(ctx.db, { cursor: input.cursor ?? undefined, limit: input.limit })),
});
