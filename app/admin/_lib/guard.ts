import "server-only";
import { notFound } from "next/navigation";
import { requireCurrentUser } from "~/app/_lib/session";
import { hasRole, type Role } from "~/server/auth/roles";

/**
 * The back office's page guard. Signed-out visitors sign in and come back to `returnTo`; anyone
 * signed in without the role gets the ordinary 404, so the back office does not reveal that it
 * exists. Pages call it too, not only the layout: a layout is not re-run on client navigation
 * between its pages. The procedures check roles on their own; this decides what a page shows.
 */
export async function requireRolePage(role: Role, returnTo: string) {
  const user = await requireCurrentUser(returnTo);
  if (!hasRole(user, role)) notFound();
  return user;
}
