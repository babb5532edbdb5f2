"use client";

import { ApiErrorAlert } from "~/app/_components/api-error-alert";
import { ConfirmAction } from "~/app/_components/ui/confirm-action";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/app/_components/ui/card";
import { api, type RouterOutputs } from "~/app/_trpc/react";

type ApiKey = RouterOutputs["apiKeys"]["list"]["keys"][number];

const when = (date: Date) => date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });

function statusOf(key: ApiKey): { label: string; live: boolean } {
  if (key.revokedAt) return { label: `Revoked ${when(key.revokedAt)}`, live: false };
  if (key.expiresAt && key.expiresAt <= new Date()) return { label: `Expired ${when(key.expiresAt)}`, live: false };
  return { label: key.expiresAt ? `Expires ${when(key.expiresAt)}` : "Never expires", live: true };
}

/** The caller's keys: what each may do, when it was last used and from where; revocable. */
export function ApiKeyList() {
  const utils = api.useUtils();
  const list = api.apiKeys.list.useQuery();
  const revoke = api.apiKeys.revoke.useMutation({ onSuccess: () => utils.apiKeys.list.invalidate() });
  const keys = list.data?.keys ?? [];

  return (
    <Card aria-labelledby="keys-heading">
      <CardHeader>
        <CardTitle id="keys-heading">Your keys</CardTitle>
        <CardDescription>A revoked key stops working on its next request.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        {list.error && <ApiErrorAlert error={list.error} />}
        {revoke.error && <ApiErrorAlert error={revoke.error} />}
        {list.isSuccess && keys.length === 0 && <p className="text-sm text-muted-foreground">No keys yet.</p>}
        <ul className="grid gap-3">
          {keys.map((key) => {
            const status = statusOf(key);
            return (
              <li
                key={key.id}
                className="grid gap-2 rounded-lg border p-4 sm:grid-cols-[1fr_auto]"
                aria-label={key.name}
              >
                <div className="grid min-w-0 gap-1 text-sm">
                  <p className="font-medium break-words">
                    {key.name} <code className="ml-1 font-mono text-xs text-muted-foreground">{key.prefix}…</code>
                  </p>
                  <p className="text-muted-foreground">
                    Scopes: <span className="font-mono text-xs">{key.scopes.join(", ")}</span>
                  </p>
                  <p className="text-muted-foreground">
                    Created {when(key.createdAt)} ·{" "}
                    {key.lastUsedAt
                      ? `last used ${when(key.lastUsedAt)}${key.lastUsedIp ? ` from ${key.lastUsedIp}` : ""}`
                      : "never used"}{" "}
                    · {status.label}
                  </p>
                </div>
                {status.live && (
                  <ConfirmAction
                    label="Revoke"
                    triggerSize="sm"
                    title={`Revoke “${key.name}”?`}
                    description="Scripts using this key get 401 from their next request. This cannot be undone; create a new key to replace it."
                    confirmLabel="Revoke key"
                    destructive
                    disabled={revoke.isPending}
                    onConfirm={() => revoke.mutate({ apiKeyId: key.id })}
                  />
                )}
              </li>
            );
          })}
        </ul>
      </CardContent>
    </Card>
  );
}
