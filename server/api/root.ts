import "server-only";
import { authRouter } from "./routers/auth";
import { devMailboxRouter } from "./routers/dev-mailbox";
import { healthRouter } from "./routers/health";
import { usersRouter } from "./routers/users";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  health: healthRouter,
  auth: authRouter,
  users: usersRouter,
  devMailbox: devMailboxRouter,
});

export type AppRouter = typeof appRouter;

/** Server-side caller, e.g. `createCaller(createInnerContext({ user }))` in tests. */
export const createCaller = createCallerFactory(appRouter);
