"use client";

import { ApiErrorAlert } from "~/app/_components/api-error-alert";
import { Badge } from "~/app/_components/admin/badge";
import { ConfirmAction } from "~/app/_components/ui/confirm-action";
import { Button } from "~/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "~/app/_components/ui/card";
import { api } from "~/app/_trpc/react";
import type { RouterOutputs } from "~/app/_trpc/react";
import { SecretReveal } from "~/app/_components/secret-reveal";
import { WebhookDeliveries } from "./webhook-deliveries";

type Endpoint = RouterOutputs["webhooks"]["list"][number];

interface EndpointCardProps {
  endpoint: Endpoint;
  /** The secret just issued for this endpoint (shown once), or null. */
  secret: string | null;
  onSecretDone: () => void;
  onSecretRolled: (secret: string) => void;
}

/** One endpoint: its settings, its actions and its deliveries. */
export function EndpointCard({ endpoint, secret, onSecretDone, onSecretRolled }: EndpointCardProps) {
  const utils = api.useUtils();
  const refresh = () => void utils.webhooks.invalidate();
  const setEnabled = api.webhooks.setEnabled.useMutation({ onSuccess: refresh });
  const roll = api.webhooks.rollSecret.useMutation({ onSuccess: ({ secret }) => onSecretRolled(secret) });
  const remove = api.webhooks.delete.useMutation({ onSuccess: refresh });
  const test = api.webhooks.sendTest.useMutation({ onSuccess: refresh });
  const error = setEnabled.error ?? roll.error ?? remove.error ?? test.error;

  return (
    <Card aria-label={`Endpoint ${endpoint.url}`} data-testid="webhook-endpoint">
      <CardHeader>
        <div className="flex flex-wrap items-center gap-2">
          <CardTitle className="min-w-0 text-base break-all">{endpoint.url}</CardTitle>
          <Badge tone={endpoint.enabled ? "success" : "neutral"}>{endpoint.enabled ? "Enabled" : "Disabled"}</Badge>
          {endpoint.receivesAllOrders && <Badge tone="neutral">Every order</Badge>}
        </div>
        {endpoint.description && <p className="text-sm text-muted-foreground">{endpoint.description}</p>}
        <p className="text-sm text-muted-foreground">
          Events:{" "}
          {endpoint.events.map((e) => (
            <code key={e} className="mr-2">
              {e}
            </code>
          ))}
        </p>
      </CardHeader>
      <CardContent className="grid gap-4">
        {secret && (
          <SecretReveal label="Signing secret" secret={secret} onDone={onSecretDone} testId="webhook-secret" />
        )}
        {error && <ApiErrorAlert error={error} />}
        <div className="flex flex-wrap gap-2">
          <Button
            variant="outline"
            size="sm"
            disabled={test.isPending || !endpoint.enabled}
            onClick={() => test.mutate({ endpointId: endpoint.id })}
          >
            {test.isPending ? "Sending…" : "Send test event"}
          </Button>
          <Button
            variant="outline"
            size="sm"
            disabled={setEnabled.isPending}
            onClick={() => setEnabled.mutate({ endpointId: endpoint.id, enabled: !endpoint.enabled })}
          >
            {endpoint.enabled ? "Disable" : "Enable"}
          </Button>
          <ConfirmAction
            label="Roll secret"
            triggerSize="sm"
            disabled={roll.isPending}
            title="Roll the signing secret?"
            description="A new secret takes effect at once: deliveries from now on, retries included, are signed with it. Update your receiver right after."
            confirmLabel="Roll secret"
            destructive
            onConfirm={() => roll.mutate({ endpointId: endpoint.id })}
          />
          <ConfirmAction
            label="Delete"
            triggerSize="sm"
            disabled={remove.isPending}
            title="Delete this endpoint?"
            description="It stops receiving events at once, and its delivery history is deleted with it."
            confirmLabel="Delete endpoint"
            destructive
            onConfirm={() => remove.mutate({ endpointId: endpoint.id })}
          />
        </div>
        <WebhookDeliveries endpointId={endpoint.id} enabled={endpoint.enabled} />
      </CardContent>
    </Card>
  );
}
