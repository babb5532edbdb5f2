import type { Role } from "../db/generated/prisma/enums";

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
