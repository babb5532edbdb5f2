"use client";

import { useState } from "react";
import { ApiErrorAlert } from "~/app/_components/api-error-alert";
import { Button } from "~/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/app/_components/ui/card";
import { FormField } from "~/app/_components/ui/form-field";
import { fieldErrorsOf } from "~/app/_lib/api-errors";
import { api } from "~/app/_trpc/react";
import { WEBHOOK_EVENT_TYPES } from "~/server/webhooks/webhooks.schemas";
import { EndpointCard } from "./endpoint-card";

/** The caller's endpoints, newest first, and the form that registers one. */
export function WebhookEndpoints({ staff }: { staff: boolean }) {
  const [created, setCreated] = useState<{ endpointId: string; secret: string } | null>(null);
  const endpoints = api.webhooks.list.useQuery();

  return (
    <div className="grid gap-6">
      <CreateEndpoint onCreated={setCreated} staff={staff} />
      {endpoints.isPending && (
        <Card aria-busy="true" aria-label="Loading your endpoints" className="h-32 animate-pulse bg-muted" />
      )}
      {endpoints.isError && <ApiErrorAlert error={endpoints.error} />}
      {endpoints.data?.length === 0 && (
        <p className="text-sm text-muted-foreground">No endpoints yet: add one above to receive your order events.</p>
      )}
      {endpoints.data && endpoints.data.length > 0 && (
        <ul aria-label="Webhook endpoints" className="grid gap-4">
          {endpoints.data.map((endpoint) => (
            <li key={endpoint.id}>
              <EndpointCard
                endpoint={endpoint}
                secret={created?.endpointId === endpoint.id ? created.secret : null}
                onSecretDone={() => setCreated(null)}
                onSecretRolled={(secret) => setCreated({ endpointId: endpoint.id, secret })}
              />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function CreateEndpoint({
  onCreated,
  staff,
}: {
  onCreated: (created: { endpointId: string; secret: string }) => void;
  staff: boolean;
}) {
  const utils = api.useUtils();
  const create = api.webhooks.create.useMutation({
    onSuccess: ({ endpoint, secret }) => {
      onCreated({ endpointId: endpoint.id, secret });
      void utils.webhooks.list.invalidate();
    },
  });
  const fieldErrors = fieldErrorsOf(create.error);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const events = form.getAll("events").map(String) as (typeof WEBHOOK_EVENT_TYPES)[number][];
    create.mutate(
      {
        url: String(form.get("url")),
        events,
        description: String(form.get("description") ?? "") || undefined,
        ...(staff && { receivesAllOrders: form.get("receivesAllOrders") === "on" }),
      },
      { onSuccess: () => formElement.reset() },
    );
  }

  return (
    <Card aria-labelledby="add-endpoint-heading">
      <CardHeader>
        <CardTitle id="add-endpoint-heading">Add an endpoint</CardTitle>
        <CardDescription>Any 2xx answer counts as delivered; anything else is retried with backoff.</CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={onSubmit} noValidate className="grid gap-4">
          {create.error && !fieldErrors.url && !fieldErrors.events && <ApiErrorAlert error={create.error} />}
          <FormField
            label="Endpoint URL"
            name="url"
            type="url"
            required
            maxLength={2048}
            placeholder="https://example.com/webhooks/shopwise"
            errors={fieldErrors.url}
          />
          <fieldset className="grid gap-2" aria-describedby={fieldErrors.events ? "events-error" : undefined}>
            <legend className="mb-1 text-sm font-medium">Events</legend>
            {WEBHOOK_EVENT_TYPES.map((type) => (
              <label key={type} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="events" value={type} defaultChecked className="size-4" />
                <code>{type}</code>
              </label>
            ))}
            {fieldErrors.events && (
              <p id="events-error" className="text-sm text-destructive">
                {fieldErrors.events[0]}
              </p>
            )}
          </fieldset>
          {staff && (
            <label className="flex items-start gap-2 text-sm">
              <input type="checkbox" name="receivesAllOrders" className="mt-1 size-4" />
              <span>
                Every order in the shop, not only yours (staff: a fulfilment or accounting integration)
                {fieldErrors.receivesAllOrders && (
                  <span className="block text-destructive">{fieldErrors.receivesAllOrders[0]}</span>
                )}
              </span>
            </label>
          )}
          <FormField
            label="Description (optional)"
            name="description"
            maxLength={200}
            errors={fieldErrors.description}
          />
          <div>
            <Button type="submit" disabled={create.isPending}>
              {create.isPending ? "Adding…" : "Add endpoint"}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
