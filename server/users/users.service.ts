import "server-only";
import { burnPasswordCheck, hashPassword, verifyPassword } from "../auth/password";
import type { SessionUser } from "../auth/roles";
import type { SignInThrottle } from "../auth/sign-in-throttle";
import { signUpThrottle, type SignUpThrottle } from "../auth/sign-up-throttle";
import { Prisma, type Db } from "../db/client";
import { ConflictError, NotFoundError } from "../errors";
import { enqueue } from "../jobs/queue";
import { sendWelcomeEmail } from "../jobs/send-welcome-email";
import type { Logger } from "../observability/logger";
import { profileSelect, type SignInInput, type SignUpInput, type UpdateProfileInput } from "./users.schemas";

export interface UsersCtx {
  db: Db;
  log: Logger;
}

/** What services that act for a signed-in user receive. */
export interface UserCtx extends UsersCtx {
  user: SessionUser;
}

/**
 * Creates a customer account and enqueues the welcome mail in the same transaction: the job
 * exists exactly when the account does. Attempts are throttled per IP (RATE_LIMITED) before the
 * password is hashed.
 */
export async function registerUser(
  ctx: UsersCtx & { ip: string | null; signUpThrottle?: SignUpThrottle },
  input: SignUpInput,
) {
  await (ctx.signUpThrottle ?? signUpThrottle(ctx.db)).consume(ctx.ip);
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await ctx.db.$transaction(async (tx) => {
      const created = await tx.user.create({
        data: { name: input.name, email: input.email, passwordHash, role: "CUSTOMER" },
        select: profileSelect,
      });
      await enqueue(sendWelcomeEmail, { userId: created.id }, { tx });
      return created;
    });
    ctx.log.info({ userId: user.id }, "user registered");
    return user;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      throw new ConflictError("EMAIL_TAKEN", "An account with this email already exists. Sign in instead.", {
        field: "email",
      });
    throw error;
  }
}

/**
 * Checks an email + password pair for the credentials sign-in. Returns the user, or null for
 * any mismatch (without saying which half was wrong); throttled callers get RateLimitedError.
 */
export async function verifyCredentials(
  ctx: UsersCtx & { throttle: SignInThrottle },
  input: SignInInput & { ip: string | null },
): Promise<SessionUser | null> {
  await ctx.throttle.assertAllowed(input.email, input.ip);
  const user = await ctx.db.user.findUnique({
    where: { email: input.email },
    select: { id: true, email: true, name: true, role: true, passwordHash: true },
  });
  let valid = false;
  if (user?.passwordHash) valid = await verifyPassword(user.passwordHash, input.password);
  else await burnPasswordCheck(input.password);
  if (!user || !valid) {
    await ctx.throttle.recordFailure(input.email, input.ip);
    ctx.log.warn({ reason: user ? "bad-password" : "unknown-email" }, "sign-in failed");
    return null;
  }
  await ctx.throttle.recordSuccess(input.email);
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** The session's user as stored now (roles changed since sign-in apply at once). */
export async function getSessionUserById(db: Db, id: string): Promise<SessionUser | null> {
  return db.user.findUnique({ where: { id }, select: { id: true, email: true, name: true, role: true } });
}

export async function requireProfile(ctx: UserCtx) {
  const profile = await ctx.db.user.findUnique({ where: { id: ctx.user.id }, select: profileSelect });
  if (!profile) throw new NotFoundError("USER_NOT_FOUND", "Your account no longer exists.");
  return profile;
}

export async function updateProfile(ctx: UserCtx, input: UpdateProfileInput) {
  return ctx.db.user.update({ where: { id: ctx.user.id }, data: { name: input.name }, select: profileSelect });
}
