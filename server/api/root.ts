import "server-only";
import { adminRouter } from "./routers/admin";
import { apiKeysRouter } from "./routers/api-keys";
import { assistantRouter } from "./routers/assistant";
import { authRouter } from "./routers/auth";
import { catalogRouter } from "./routers/catalog";
import { conversationsRouter } from "./routers/conversations";
import { devMailboxRouter } from "./routers/dev-mailbox";
import { healthRouter } from "./routers/health";
import { jobsConsoleRouter } from "./routers/jobs-console";
import { knowledgeRouter } from "./routers/knowledge";
import { ordersRouter } from "./routers/orders";
import { reviewsRouter } from "./routers/reviews";
import { supportRouter } from "./routers/support";
import { usersRouter } from "./routers/users";
import { webhooksRouter } from "./routers/webhooks";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  health: healthRouter,
  auth: authRouter,
  users: usersRouter,
  apiKeys: apiKeysRouter,
  devMailbox: devMailboxRouter,
  catalog: catalogRouter,
  orders: ordersRouter,
  reviews: reviewsRouter,
  admin: adminRouter,
  conversations: conversationsRouter,
  assistant: assistantRouter,
  knowledge: knowledgeRouter,
  webhooks: webhooksRouter,
  jobs: jobsConsoleRouter,
  support: supportRouter,
});

export type AppRouter = typeof appRouter;

/** Server-side caller, e.g. `createCaller(createInnerContext({ user }))` in tests. */
export const createCaller = createCallerFactory(appRouter);
