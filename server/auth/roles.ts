import type { Role } from "../db/generated/prisma/enums";
import { ForbiddenError, UnauthorizedError } from "../errors";

export type { Role };

/** Who a request acts as. Built from the session; the only user shape services see. */
export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
}

const RANK: Record<Role, number> = { CUSTOMER: 0, STAFF: 1, ADMIN: 2 };

/** STAFF covers CUSTOMER's rights, ADMIN covers STAFF's. */
export function hasRole(user: Pick<SessionUser, "role"> | null | undefined, minimum: Role): boolean {
  return !!user && RANK[user.role] >= RANK[minimum];
}

/** The signed-in caller, or UNAUTHORIZED. */
export function requireSignedIn<U extends SessionUser>(user: U | null | undefined): U {
  if (!user) throw new UnauthorizedError("UNAUTHORIZED", "Sign in to continue.");
  return user;
}

/** For services that only some roles may use: FORBIDDEN for everyone else, whoever calls. */
export function requireRole(user: Pick<SessionUser, "role">, minimum: Role): void {
  if (!hasRole(user, minimum))
    throw new ForbiddenError("ROLE_REQUIRED", `This needs the ${minimum.toLowerCase()} role.`, { role: minimum });
}
