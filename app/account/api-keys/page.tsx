import type { Metadata } from "next";
import Link from "next/link";
import { requireCurrentUser } from "~/app/_lib/session";
import { api, HydrateClient } from "~/app/_trpc/server";
import { ApiKeyList } from "./api-key-list";
import { CreateApiKey } from "./create-api-key";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  await requireCurrentUser("/account/api-keys");
  void api.apiKeys.list.prefetch();

  return (
    <div className="mx-auto grid w-full max-w-4xl gap-6 px-4 py-10 sm:px-6">
      <div className="grid gap-1">
        <h1 className="text-3xl font-semibold tracking-tight">API keys</h1>
        <p className="text-muted-foreground">
          Keys let your own scripts call Shopwise as you, with only the scopes you choose. Send one as{" "}
          <code className="font-mono text-sm">Authorization: Bearer sw_…</code>; see the{" "}
          <Link href="/developers" className="underline underline-offset-4">
            developer guide
          </Link>
          .
        </p>
      </div>
      <HydrateClient>
        <CreateApiKey />
        <ApiKeyList />
      </HydrateClient>
    </div>
  );
}
