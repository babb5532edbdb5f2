"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { signIn, signOut } from "~/server/auth/config";
import { getEnv } from "~/server/env";

export interface SignInState {
  error?: string;
  email?: string;
}

/** Only same-site paths: an open redirect would let a link send users anywhere after sign-in. */
function safeReturnPath(value: FormDataEntryValue | null): string {
  const path = typeof value === "string" ? value : "";
  return path.startsWith("/") && !path.startsWith("//") ? path : "/account";
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
    if (error instanceof CredentialsSignin && error.code === "throttled")
      return {
        email,
        error: `Too many failed attempts for this account or network. Wait ${Math.ceil(getEnv().SIGNIN_LOCK_SECONDS / 60)} minutes, then try again.`,
      };
    if (error instanceof CredentialsSignin)
      return { email, error: "That email and password do not match an account. Check them, or create an account." };
    return { email, error: "Signing in failed on our side. Please try again in a moment." };
  }
}

export async function signInWithProvider(provider: string) {
  await signIn(provider, { redirectTo: "/account" });
}

export async function signOutAction() {
  await signOut({ redirectTo: "/" });
}
