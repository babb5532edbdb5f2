import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Card, CardContent, CardDescription, CardHeader } from "~/app/_components/ui/card";
import { getCurrentUser } from "~/app/_lib/session";
import { getEnv } from "~/server/env";
import { OAuthButtons } from "../oauth-buttons";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

interface SignInPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function SignInPage({ searchParams }: SignInPageProps) {
  if (await getCurrentUser()) redirect("/account");
  const params = await searchParams;
  const callbackUrl = first(params.callbackUrl) ?? "/account";
  const error = first(params.error);

  return (
    <Card>
      <CardHeader>
        <h1 className="text-2xl font-semibold tracking-tight">Sign in</h1>
        <CardDescription>Welcome back. Sign in to see your account.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        <SignInForm callbackUrl={callbackUrl} initialError={error && authErrorMessage(error, first(params.code))} />
        <OAuthButtons />
        <p className="text-center text-sm text-muted-foreground">
          New to Shopwise?{" "}
          <Link href="/sign-up" className="font-medium text-primary underline-offset-4 hover:underline">
            Create an account
          </Link>
        </p>
      </CardContent>
    </Card>
  );
}

function first(value: string | string[] | undefined) {
  return Array.isArray(value) ? value[0] : value;
}

/** Auth.js sends people back here with `?error=<type>` (and `&code=` for credentials). */
function authErrorMessage(error: string, code: string | undefined): string {
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
      return "Signing in did not work. Please try again.";
  }
}
