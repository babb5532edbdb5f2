/**
 * tRPC setup: context, error shape and the procedure builders every router uses.
 *
 * - createInnerContext: what a procedure may touch (db, caller, logger); tests call routers
 *   through `createCaller(createInnerContext(...))` with no HTTP at all.
 * - createContext: builds it from plain request headers, so the same router serves Next's route
 *   handler (Vercel) and the self-hosted Node fast path.
 */
import "server-only";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";
import { clientIp } from "../auth/client-ip";
import { hasRole, type Role, type SessionUser } from "../auth/roles";
import { getSessionUser } from "../auth/session";
import { db as defaultDb, Prisma, type Db } from "../db/client";
import { AppError, fieldErrorsOf, INTERNAL_ERROR_MESSAGE, TRPC_CODE } from "../errors";
import { getLogger } from "../observability/logger";
import { CORRELATION_HEADER, correlationIdFrom, currentContext } from "../observability/request-context";

export interface InnerContextOptions {
  user: SessionUser | null;
  db?: Db;
  correlationId?: string;
  ip?: string | null;
}

export function createInnerContext(opts: InnerContextOptions) {
  const correlationId = opts.correlationId ?? currentContext()?.correlationId ?? correlationIdFrom(null);
  const store = currentContext();
  if (store && opts.user) store.userId = opts.user.id; // later log lines of this request name the user
  return {
    db: opts.db ?? defaultDb,
    user: opts.user,
    ip: opts.ip ?? null,
    correlationId,
    // The request context's mixin stamps correlationId and userId on every line.
    log: getLogger(),
  };
}

/** `user` when the caller already looked it up (an RSC render shares one lookup per request). */
export async function createContext({ headers, user }: { headers: Headers; user?: SessionUser | null }) {
  return createInnerContext({
    user: user === undefined ? await getSessionUser(headers) : user,
    // The HTTP edge already chose the ID; the header is the fallback outside one.
    correlationId: currentContext()?.correlationId ?? correlationIdFrom(headers.get(CORRELATION_HEADER)),
    ip: clientIp(headers),
  });
}

export type Context = ReturnType<typeof createInnerContext>;

/** Zod's errors by field, with keys the input does not accept named as fields too. */
export function zodFieldErrors(error: ZodError): Record<string, string[]> {
  const fieldErrors = z.flattenError(error).fieldErrors as Record<string, string[]>;
  for (const issue of error.issues)
    if (issue.code === "unrecognized_keys")
      for (const key of issue.keys) (fieldErrors[key] ??= []).push("This field is not accepted here.");
  return fieldErrors;
}

/**
 * `ownerScoped` marks procedures that act on one user-owned row: they must go through that
 * resource's `requireXOwner` check, and the ownership matrix test (ownership.test.ts) finds them
 * by this mark, so a new one cannot ship untested.
 */
export interface ProcedureMeta {
  ownerScoped?: "owner-only" | "owner-or-staff";
}

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    transformer: superjson,
    // Never ship stack traces to clients, whatever NODE_ENV says.
    isDev: false,
    errorFormatter({ shape, error, ctx }) {
      const cause = error.cause;
      const internal = error.code === "INTERNAL_SERVER_ERROR";
      const fieldErrors =
        cause instanceof ZodError
          ? zodFieldErrors(cause)
          : cause instanceof AppError
            ? fieldErrorsOf(cause)
            : undefined;
      return {
        message: internal
          ? INTERNAL_ERROR_MESSAGE
          : cause instanceof ZodError
            ? "Some fields need attention."
            : shape.message,
        code: shape.code,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          /** Stable machine-readable reason, e.g. EMAIL_TAKEN or VALIDATION_FAILED. */
          appCode:
            cause instanceof AppError ? cause.code : cause instanceof ZodError ? "VALIDATION_FAILED" : shape.data.code,
          fieldErrors: fieldErrors ?? null,
          /** The domain error's context, e.g. `{ productId, available }` for OUT_OF_STOCK. */
          details: cause instanceof AppError ? cause.context : null,
          correlationId: ctx?.correlationId ?? currentContext()?.correlationId ?? null,
        },
      };
    },
  });

/**
 * Turns the AppError family into tRPC errors, and Prisma's "record to update or read was not
 * found" (P2025: the row vanished or never existed) into NOT_FOUND; anything else stays
 * INTERNAL_SERVER_ERROR.
 */
const mapDomainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (result.ok) return result;
  const cause = result.error.cause;
  if (cause instanceof AppError) throw new TRPCError({ code: TRPC_CODE[cause.kind], message: cause.message, cause });
  if (cause instanceof Prisma.PrismaClientKnownRequestError && cause.code === "P2025")
    throw new TRPCError({ code: "NOT_FOUND", message: "This item no longer exists; reload and try again.", cause });
  return result;
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

export const publicProcedure = t.procedure.use(mapDomainErrors);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

const requireRole = (role: Role) =>
  protectedProcedure.use(({ ctx, next }) => {
    if (!hasRole(ctx.user, role))
      throw new TRPCError({ code: "FORBIDDEN", message: `This needs the ${role.toLowerCase()} role.` });
    return next();
  });

export const staffProcedure = requireRole("STAFF");
export const adminProcedure = requireRole("ADMIN");
