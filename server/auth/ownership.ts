import { hasRole, type SessionUser } from "./roles";

/**
 * The one ownership rule of the app, used by every `requireXOwner`: a row is reachable by its
 * owner, and by staff when the resource allows it. It is a `where` fragment, so the check runs
 * in the same query that reads the row; callers answer NOT_FOUND for anyone else, which tells a
 * guesser nothing about which ids exist.
 */
export type OwnerAccess = "owner-only" | "owner-or-staff";

export function ownedBy(user: SessionUser, access: OwnerAccess): { userId?: string } {
  return access === "owner-or-staff" && hasRole(user, "STAFF") ? {} : { userId: user.id };
}
