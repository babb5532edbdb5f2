import type { Metadata } from "next";
import Link from "next/link";
import { buttonClasses } from "~/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader } from "~/app/_components/ui/card";
import { SubmitButton } from "~/app/_components/ui/submit-button";
import { getCurrentUser } from "~/app/_lib/session";
import { signOutAction } from "../actions";

export const metadata: Metadata = { title: "Sign out" };

/** Sign-out confirmation (also Auth.js's sign-out page); a form post, so a link cannot sign anyone out. */
export default async function SignOutPage() {
  const user = await getCurrentUser();
  if (!user)
    return (
      <Card>
        <CardHeader>
          <h1 className="text-2xl font-semibold tracking-tight">You are signed out</h1>
          <CardDescription>See you soon.</CardDescription>
        </CardHeader>
        <CardContent>
          <Link href="/sign-in" className={buttonClasses({ variant: "primary" })}>
            Sign in again
          </Link>
        </CardContent>
      </Card>
    );

  return (
    <Card>
      <CardHeader>
        <h1 className="text-2xl font-semibold tracking-tight">Sign out?</h1>
        <CardDescription>You are signed in as {user.email}.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-wrap gap-3">
        <form action={signOutAction}>
          <SubmitButton pendingText="Signing out…">Sign out</SubmitButton>
        </form>
        <Link href="/account" className={buttonClasses({ variant: "outline" })}>
          Stay signed in
        </Link>
      </CardContent>
    </Card>
  );
}
