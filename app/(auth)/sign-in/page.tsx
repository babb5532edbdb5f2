import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Alert } from "~/app/_components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader } from "~/app/_components/ui/card";
import { getCurrentUser } from "~/app/_lib/session";
import { OAuthButtons } from "../oauth-buttons";
import { signInErrorMessage, signInNotices } from "../sign-in-messages";
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
  const notice = Object.hasOwn(signInNotices, first(params.notice) ?? "") ? signInNotices[first(params.notice)!] : null;

  return (
    <Card>
      <CardHeader>
        <h1 className="text-2xl font-semibold tracking-tight">Sign in</h1>
        <CardDescription>Welcome back. Sign in to see your account.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        {notice && !error && <Alert tone="success">{notice}</Alert>}
        <SignInForm callbackUrl={callbackUrl} initialError={error && signInErrorMessage(error, first(params.code))} />
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
