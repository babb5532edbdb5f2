import { randomBytes } from "node:crypto";
import { encode } from "next-auth/jwt";
import { createCaller } from "../api/root";
import { createInnerContext } from "../api/trpc";
import { hashPassword } from "../auth/password";
import type { Role, SessionUser } from "../auth/roles";
import { db } from "../db/client";
import { getEnv } from "../env";

/** Test data with believable defaults; every call makes a new, unique row. */

export const uniqueEmail = (prefix = "user") => `${prefix}-${randomBytes(4).toString("hex")}@example.com`;

export async function createUser(overrides: { email?: string; name?: string; role?: Role; password?: string } = {}) {
  const password = overrides.password ?? "correct horse battery";
  const user = await db.user.create({
    data: {
      email: overrides.email ?? uniqueEmail(),
      name: overrides.name ?? "Test User",
      role: overrides.role ?? "CUSTOMER",
      passwordHash: await hashPassword(password),
    },
    select: { id: true, email: true, name: true, role: true },
  });
  return { ...user, password } satisfies SessionUser & { password: string };
}

/** A tRPC caller acting as `user` (or anonymous), through the real procedures. */
export function callerFor(user: SessionUser | null, correlationId?: string) {
  return createCaller(createInnerContext({ user, correlationId }));
}

/** The Auth.js session cookie a browser would hold after signing in as `user`. */
export async function sessionCookieFor(user: Pick<SessionUser, "id" | "role">): Promise<string> {
  const name = "authjs.session-token";
  const token = await encode({ token: { sub: user.id, role: user.role }, secret: getEnv().AUTH_SECRET!, salt: name });
  return `${name}=${token}`;
}
