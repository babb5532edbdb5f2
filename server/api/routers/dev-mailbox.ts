import { z } from "zod";
import { getEnv } from "../../env";
import { NotFoundError } from "../../errors";
import { listOutbox } from "../../mail/mail.service";
import { createTRPCRouter, publicProcedure } from "../trpc";

/** Outbox mail for local development; absent (NOT_FOUND) unless DEV_MAILBOX is on. */
const devOnlyProcedure = publicProcedure.use(({ next }) => {
  if (!getEnv().DEV_MAILBOX) throw new NotFoundError("DEV_MAILBOX_DISABLED", "The dev mailbox is turned off.");
  return next();
});

export const devMailboxRouter = createTRPCRouter({
  list: devOnlyProcedure
    .input(z.strictObject({ cursor: z.string().optional(), limit: z.number().int().min(1).max(50).default(20) }))
    .query(({ ctx, input }) => listOutbox(ctx.db, input)),
});
