import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { signOutAction } from "~/app/(auth)/actions";
import { buttonClasses } from "~/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/app/_components/ui/card";
import { SubmitButton } from "~/app/_components/ui/submit-button";
import { requireCurrentUser } from "~/app/_lib/session";
import { api, HydrateClient } from "~/app/_trpc/server";
import { AccountProfile } from "./account-profile";
import { ChangePassword } from "./change-password";
import { ProfileSkeleton } from "./profile-skeleton";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  await requireCurrentUser("/account");
  void api.users.me.prefetch();

  return (
    <div className="mx-auto grid w-full max-w-3xl gap-6 px-4 py-10 sm:px-6">
      <div className="grid gap-1">
        <h1 className="text-3xl font-semibold tracking-tight">Your account</h1>
        <p className="text-muted-foreground">Your profile and how you sign in.</p>
      </div>
      <HydrateClient>
        <Suspense fallback={<ProfileSkeleton />}>
          <AccountProfile />
        </Suspense>
      </HydrateClient>
      <ChangePassword />
      <Card>
        <CardHeader>
          <CardTitle>For developers</CardTitle>
          <CardDescription>
            Let your own scripts call Shopwise as you, with only the rights you grant them, and send your orders&apos;
            events to your own systems, signed, as they happen.
          </CardDescription>
        </CardHeader>
        <CardContent className="flex flex-wrap gap-2">
          <Link href="/account/api-keys" className={buttonClasses({ variant: "outline" })}>
            API keys
          </Link>
          <Link href="/account/webhooks" className={buttonClasses({ variant: "outline" })}>
            Manage webhooks
          </Link>
          <Link href="/developers" className={buttonClasses({ variant: "ghost" })}>
            Developer guide
          </Link>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Sign out</CardTitle>
          <CardDescription>Sign out of Shopwise on this device; the session ends on our side too.</CardDescription>
        </CardHeader>
        <CardContent>
          <form action={signOutAction}>
            <SubmitButton variant="outline" pendingText="Signing out…">
              Sign out
            </SubmitButton>
          </form>
        </CardContent>
      </Card>
    </div>
  );
}
