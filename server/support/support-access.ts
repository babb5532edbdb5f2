import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { ownedBy } from "../auth/ownership";
import type { SessionUser } from "../auth/roles";
import type { Db, Prisma } from "../db/client";
import { NotFoundError } from "../errors";

/**
 * Who may reach a support thread: the signed-in shopper who opened it, or — for a visitor, who
 * has no account — whoever holds one of its access tokens (an httpOnly cookie set when the visitor
 * opened it, or the link of a reply mail). Only SHA-256 hashes of tokens are stored.
 */
export interface SupportCaller {
  user: SessionUser | null;
  /** The visitor's token from the support cookie (server/api/support-cookie.ts), if any. */
  supportToken?: string | null;
}

/**
 * A token opens its thread for 30 days from when it was issued, as long as the cookie that carries
 * it lives: a forwarded mail or a shared computer does not open the conversation for good. A reply
 * mail brings a new token with its link; a visitor who is not mailed (they saw the reply in time)
 * and comes back after 30 days signs in or asks again from the assistant.
 */
export const ACCESS_TOKEN_LIFETIME_DAYS = 30;
export const ACCESS_TOKEN_LIFETIME_MS = ACCESS_TOKEN_LIFETIME_DAYS * 24 * 3600_000;

/** Tokens issued before this no longer open anything. */
const issuedAfter = () => new Date(Date.now() - ACCESS_TOKEN_LIFETIME_MS);

/** 32 random bytes, base64url: 43 characters. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const hashAccessToken = (token: string) => createHash("sha256").update(token).digest("hex");

export const isAccessTokenShaped = (token: string) => TOKEN_PATTERN.test(token);

/** A new visitor token and the hash to store for it. */
export function newAccessToken() {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashAccessToken(token) };
}

const THREAD_NOT_FOUND = () =>
  new NotFoundError(
    "SUPPORT_THREAD_NOT_FOUND",
    "We could not find this support conversation. Sign in with the account that started it, or open the link from our mail again.",
  );

/** The `where` that finds threads the caller owns, or null when the caller can own none. */
function ownerFilter(caller: SupportCaller): Prisma.SupportThreadWhereInput | null {
  const ways: Prisma.SupportThreadWhereInput[] = [];
  if (caller.user) ways.push(ownedBy(caller.user, "owner-only"));
  const token = caller.supportToken;
  if (token && isAccessTokenShaped(token))
    ways.push({ accessTokens: { some: { tokenHash: hashAccessToken(token), createdAt: { gt: issuedAfter() } } } });
  return ways.length ? { OR: ways } : null;
}

/**
 * The thread, if the caller owns it; NOT_FOUND for anyone else, staff included (staff read threads
 * through the back office, which audits it). The one ownership check of support threads.
 */
export async function requireThreadOwner(db: Db | Prisma.TransactionClient, caller: SupportCaller, threadId: string) {
  const owner = ownerFilter(caller);
  if (!owner) throw THREAD_NOT_FOUND();
  const thread = await db.supportThread.findFirst({
    where: { id: threadId, ...owner },
    select: { id: true, status: true, userId: true },
  });
  if (!thread) throw THREAD_NOT_FOUND();
  return thread;
}

/**
 * When `token` stops opening `threadId`, or null when it does not open it (unknown, another
 * thread's, or expired): the mail link's exchange for a cookie, which lives as long as the token.
 */
export async function getAccessTokenExpiry(db: Db, threadId: string, token: string): Promise<Date | null> {
  if (!isAccessTokenShaped(token)) return null;
  const row = await db.supportAccessToken.findUnique({
    where: { tokenHash: hashAccessToken(token) },
    select: { threadId: true, createdAt: true },
  });
  if (row?.threadId !== threadId) return null;
  const expiresAt = new Date(row.createdAt.getTime() + ACCESS_TOKEN_LIFETIME_MS);
  return expiresAt > new Date() ? expiresAt : null;
}
