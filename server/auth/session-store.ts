import "server-only";
import { randomBytes } from "node:crypto";
import type { Db, Prisma } from "../db/client";
import { UnauthorizedError } from "../errors";
import type { SessionUser } from "./roles";

/**
 * Server-side sessions. Auth.js keeps a signed, encrypted JWT in the cookie; that JWT carries the
 * id of a `Session` row made at sign-in (`sid`). A request counts as signed in only while that row
 * exists, has not expired and belongs to an enabled account, so signing out, changing the password
 * and an admin disabling the account end a session on the server, not only in the browser.
 */

/** A session lasts this long from sign-in, however often it is used (the row's `expires`). */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 3600;

type Client = Db | Prisma.TransactionClient;

/**
 * Records a new session for `userId` and returns its id for the JWT; drops the user's expired ones.
 * A password sign-in passes the hash it checked: the session is made only while that is still the
 * account's password, under a share lock on the user's row. A password change (which updates the
 * row, then revokes every session, in one transaction) is thus either seen here and refused, or
 * waits for this session and revokes it too: a sign-in racing a change cannot outlive it.
 */
export async function startSession(
  db: Db,
  userId: string,
  options: { verifiedPasswordHash?: string; now?: Date } = {},
): Promise<string> {
  const now = options.now ?? new Date();
  const sessionId = randomBytes(32).toString("base64url");
  await db.$transaction(async (tx) => {
    if (options.verifiedPasswordHash !== undefined) {
      const [row] = await tx.$queryRaw<{ passwordHash: string | null }[]>`
        SELECT "passwordHash" FROM "User" WHERE id = ${userId} FOR SHARE`;
      if (row?.passwordHash !== options.verifiedPasswordHash)
        throw new UnauthorizedError("PASSWORD_CHANGED", "The password changed while you signed in; sign in again.");
    }
    await tx.session.deleteMany({ where: { userId, expires: { lte: now } } });
    await tx.session.create({
      data: { sessionToken: sessionId, userId, expires: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000) },
    });
  });
  return sessionId;
}

/** Ends one session (sign-out). Ending one that is already gone is fine. */
export async function endSession(db: Client, sessionId: string) {
  await db.session.deleteMany({ where: { sessionToken: sessionId } });
}

/** Ends every session of the user, on every device (password change, account disabled). */
export async function revokeAllSessions(db: Client, userId: string): Promise<number> {
  return (await db.session.deleteMany({ where: { userId } })).count;
}

/**
 * The user of a live session, as stored now (role changes apply at once), in one query; null
 * when the session is gone or expired, belongs to someone else, or the account is disabled.
 */
export async function findSessionUser(
  db: Client,
  token: { sessionId: string; userId: string },
  now = new Date(),
): Promise<SessionUser | null> {
  const session = await db.session.findUnique({
    where: { sessionToken: token.sessionId },
    select: {
      userId: true,
      expires: true,
      user: { select: { id: true, email: true, name: true, role: true, disabledAt: true } },
    },
  });
  if (!session || session.userId !== token.userId || session.expires <= now || session.user.disabledAt) return null;
  const { disabledAt: _disabledAt, ...user } = session.user;
  return user;
}
