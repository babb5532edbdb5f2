import "server-only";
import { burnPasswordCheck, hashPassword, verifyPassword } from "../auth/password";
import type { SessionUser } from "../auth/roles";
import { revokeAllSessions } from "../auth/session-store";
import { signInThrottle, type SignInThrottle } from "../auth/sign-in-throttle";
import { signUpThrottle, type SignUpThrottle } from "../auth/sign-up-throttle";
import type { Db } from "../db/client";
import { isUniqueViolation } from "../db/errors";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { enqueue } from "../jobs/queue";
import { sendWelcomeEmail } from "../jobs/send-welcome-email";
import type { Logger } from "../observability/logger";
import {
  profileSelect,
  type ChangePasswordInput,
  type SignInInput,
  type SignUpInput,
  type UpdateProfileInput,
} from "./users.schemas";

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
    if (isUniqueViolation(error))
      throw new ConflictError("EMAIL_TAKEN", "An account with this email already exists. Sign in instead.", {
        field: "email",
      });
    throw error;
  }
}

/**
 * Checks an email + password pair for the credentials sign-in. Returns the user, or null for
 * any mismatch (without saying which half was wrong); throttled callers get RateLimitedError. A
 * disabled account is FORBIDDEN ACCOUNT_DISABLED, said only to someone who knows its password.
 */
export async function verifyCredentials(
  ctx: UsersCtx & { throttle: SignInThrottle },
  input: SignInInput & { ip: string | null },
): Promise<(SessionUser & { verifiedPasswordHash: string }) | null> {
  await ctx.throttle.assertAllowed(input.email, input.ip);
  const user = await ctx.db.user.findUnique({
    where: { email: input.email },
    select: { id: true, email: true, name: true, role: true, passwordHash: true, disabledAt: true },
  });
  let valid = false;
  if (user?.passwordHash) valid = await verifyPassword(user.passwordHash, input.password);
  else await burnPasswordCheck(input.password);
  if (!user?.passwordHash || !valid) {
    await ctx.throttle.recordFailure(input.email, input.ip);
    ctx.log.warn({ reason: user ? "bad-password" : "unknown-email" }, "sign-in failed");
    return null;
  }
  await ctx.throttle.recordSuccess(input.email);
  if (user.disabledAt) {
    ctx.log.warn({ userId: user.id }, "sign-in refused: account disabled");
    throw new ForbiddenError("ACCOUNT_DISABLED", "This account has been disabled. Contact support to restore it.");
  }
  // The hash that was checked: the session is started only while it is still the password (session-store.ts).
  return { id: user.id, email: user.email, name: user.name, role: user.role, verifiedPasswordHash: user.passwordHash };
}

/**
 * Sets a new password after checking the current one (wrong guesses count towards the sign-in
 * lock of the account's email), and revokes every session of the account in the same
 * transaction, this one included: a session stolen before the change ends with it.
 */
export async function changePassword(
  ctx: UserCtx & { throttle?: SignInThrottle },
  input: ChangePasswordInput,
): Promise<{ revokedSessions: number }> {
  const throttle = ctx.throttle ?? signInThrottle(ctx.db);
  const user = await ctx.db.user.findUnique({
    where: { id: ctx.user.id },
    select: { email: true, passwordHash: true },
  });
  if (!user) throw new NotFoundError("USER_NOT_FOUND", "Your account no longer exists.");
  if (!user.passwordHash)
    throw new ConflictError(
      "NO_PASSWORD_SET",
      "Your account signs in through another provider and has no password to change.",
    );
  await throttle.assertAllowed(user.email, null);
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await throttle.recordFailure(user.email, null);
    throw new ValidationError("WRONG_PASSWORD", "That is not your current password.", "currentPassword");
  }
  const passwordHash = await hashPassword(input.newPassword);
  const revokedSessions = await ctx.db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: ctx.user.id }, data: { passwordHash } });
    return revokeAllSessions(tx, ctx.user.id);
  });
  ctx.log.info({ revokedSessions }, "password changed; sessions revoked");
  return { revokedSessions };
}

export async function requireProfile(ctx: UserCtx) {
  const profile = await ctx.db.user.findUnique({ where: { id: ctx.user.id }, select: profileSelect });
  if (!profile) throw new NotFoundError("USER_NOT_FOUND", "Your account no longer exists.");
  return profile;
}

export async function updateProfile(ctx: UserCtx, input: UpdateProfileInput) {
  return ctx.db.user.update({ where: { id: ctx.user.id }, data: { name: input.name }, select: profileSelect });
}
