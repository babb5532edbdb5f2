import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getSessionUser } from "~/server/auth/session";

/** The signed-in user for this render (one lookup per request), or null. */
export const getCurrentUser = cache(async () => getSessionUser(new Headers(await headers())));

/** For pages that need a user: sends visitors to sign in and back here afterwards. */
export async function requireCurrentUser(returnTo: string) {
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}
