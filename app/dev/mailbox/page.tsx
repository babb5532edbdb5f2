import type { Metadata } from "next";
import { Mailbox } from "./mailbox";

export const metadata: Metadata = { title: "Dev mailbox", robots: { index: false } };

export default function DevMailboxPage() {
  return (
    <div className="mx-auto grid w-full max-w-3xl gap-6 px-4 py-10 sm:px-6">
      <div className="grid gap-1">
        <h1 className="text-3xl font-semibold tracking-tight">Dev mailbox</h1>
        <p className="text-muted-foreground">
          Every email Shopwise sends, newest first. It is here for local development; real mail goes out over SMTP.
        </p>
      </div>
      <Mailbox />
    </div>
  );
}
