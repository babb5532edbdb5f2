import { getEnv } from "~/server/env";

/**
 * What to tell someone whose sign-in failed: Auth.js redirects with `?error=<type>` (and `&code=`
 * for credentials); the sign-in action sees the same type and code on the thrown error.
 */
export function signInErrorMessage(error: string, code: string | undefined): string {
  switch (error) {
    case "CredentialsSignin":
      return code === "throttled"
        ? `Too many failed attempts for this account or network. Wait ${Math.ceil(getEnv().SIGNIN_LOCK_SECONDS / 60)} minutes, then try again.`
        : "That email and password do not match an account. Check them, or create an account.";
    case "OAuthAccountNotLinked":
      return "This email already has a Shopwise account. Sign in with your email and password instead.";
    case "AccessDenied":
      return "Sign-in was cancelled or not allowed. Try again, or use your email and password.";
    case "Verification":
      return "That sign-in link has expired or was already used. Start signing in again.";
    case "Configuration":
      return "Sign-in with that provider is not set up correctly on our side. Use your email and password, or try later.";
    default:
      return "Signing in did not work on our side. Please try again in a moment.";
  }
}
