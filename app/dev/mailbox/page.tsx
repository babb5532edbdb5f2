import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { requireRolePage } from "~/app/admin/_lib/guard";
import { getEnv } from "~/server/env";
import { Mailbox } from "./mailbox";

export const metadata: Metadata = { title: "Dev mailbox", robots: { index: false, follow: false } };

/**
 * Every user's mail: ADMIN only (visitors sign in, anyone else gets the ordinary 404), and a 404
 * for everyone while DEV_MAILBOX is off. The procedure checks both again on its own.
 */
export default async function DevMailboxPage() {
  await connection(); // settings are read per request, never baked in at build time
  if (!getEnv().DEV_MAILBOX) notFound();
  await requireRolePage("ADMIN", "/dev/mailbox");
  return (
    <div className="mx-auto grid w-full max-w-3xl gap-6 px-4 py-10 sm:px-6">
      <div className="grid gap-1">
        <h1 className="text-3xl font-semibold tracking-tight">Dev mailbox</h1>
        <p className="text-muted-foreground">
          Every email Shopwise sends, newest first. It is here for development and testing; real mail goes out over
          SMTP.
        </p>
      </div>
      <Mailbox />
    </div>
  );
}
