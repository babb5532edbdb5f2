import { getEnv } from "~/server/env";

const DISABLED =
  "This account has been disabled, so it cannot sign in. Contact support if you think this is a mistake.";

/** Shown on the sign-in page after `?notice=`: why someone is signed out. */
export const signInNotices: Record<string, string> = {
  "password-changed": "Your password is changed, and every device was signed out. Sign in with the new password.",
};

/**
 * What to tell someone whose sign-in failed: Auth.js redirects with `?error=<type>` (and `&code=`
 * for credentials); the sign-in action sees the same type and code on the thrown error.
 */
export function signInErrorMessage(error: string, code: string | undefined): string {
  switch (error) {
    case "CredentialsSignin":
      if (code === "disabled") return DISABLED;
      return code === "throttled"
        ? `Too many failed attempts for this account or network. Wait ${Math.ceil(getEnv().SIGNIN_LOCK_SECONDS / 60)} minutes, then try again.`
        : "That email and password do not match an account. Check them, or create an account.";
    case "OAuthAccountNotLinked":
      return "This email already has a Shopwise account. Sign in with your email and password instead.";
    case "AccessDenied":
      if (code === "disabled") return DISABLED;
      return "Sign-in was cancelled or not allowed. Try again, or use your email and password.";
    case "Verification":
      return "That sign-in link has expired or was already used. Start signing in again.";
    case "Configuration":
      return "Sign-in with that provider is not set up correctly on our side. Use your email and password, or try later.";
    default:
      return "Signing in did not work on our side. Please try again in a moment.";
  }
}
