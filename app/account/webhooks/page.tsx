import type { Metadata } from "next";
import Link from "next/link";
import { requireCurrentUser } from "~/app/_lib/session";
import { hasRole } from "~/server/auth/roles";
import { api, HydrateClient } from "~/app/_trpc/server";
import { WebhookEndpoints } from "./webhook-endpoints";

export const metadata: Metadata = { title: "Webhooks", robots: { index: false } };

export default async function WebhooksPage() {
  const user = await requireCurrentUser("/account/webhooks");
  void api.webhooks.list.prefetch();

  return (
    <div className="mx-auto grid w-full max-w-3xl gap-6 px-4 py-10 sm:px-6">
      <div className="grid gap-1">
        <Link href="/account" className="text-sm text-muted-foreground hover:underline">
          ← Your account
        </Link>
        <h1 className="text-3xl font-semibold tracking-tight">Webhooks</h1>
        <p className="text-muted-foreground">
          We POST your orders&apos; events (created, paid, shipped, cancelled) to your URL as JSON, signed with the
          endpoint&apos;s secret in the <code>Shopwise-Signature</code> header; failed deliveries are retried for a few
          hours.
        </p>
      </div>
      <HydrateClient>
        <WebhookEndpoints staff={hasRole(user, "STAFF")} />
      </HydrateClient>
    </div>
  );
}
