"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { headers } from "next/headers";
import { signIn, signOut } from "~/server/auth/config";
import { endRequestSession } from "~/server/auth/session";
import { signInErrorMessage } from "./sign-in-messages";

export interface SignInState {
  error?: string;
  email?: string;
}

/** Only same-site paths: an open redirect would let a link send users anywhere after sign-in. */
function safeReturnPath(value: FormDataEntryValue | null): string {
  const path = typeof value === "string" ? value : "";
  // "//host" and "/\host" are other sites to a browser.
  return path.startsWith("/") && !/^\/[\\/]/.test(path) ? path : "/account";
}

export async function signInWithPassword(_prev: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get("email") ?? "");
  try {
    await signIn("credentials", {
      email,
      password: String(form.get("password") ?? ""),
      redirectTo: safeReturnPath(form.get("callbackUrl")),
    });
    return {};
  } catch (error) {
    // Success throws Next's redirect, which must propagate.
    if (!(error instanceof AuthError)) throw error;
    return {
      email,
      error: signInErrorMessage(error.type, error instanceof CredentialsSignin ? error.code : undefined),
    };
  }
}

export async function signInWithProvider(provider: string) {
  await signIn(provider, { redirectTo: "/account" });
}

/** Ends the session on the server first: if that fails, the user is still signed in and sees an error to retry. */
export async function signOutAction() {
  await endRequestSession(await headers());
  await signOut({ redirectTo: "/" });
}
