"use client";

import { useState } from "react";
import { ApiErrorAlert } from "~/app/_components/api-error-alert";
import { SelectField } from "~/app/_components/catalog/select";
import { SecretReveal } from "~/app/_components/secret-reveal";
import { Button } from "~/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/app/_components/ui/card";
import { FormField } from "~/app/_components/ui/form-field";
import { fieldErrorsOf } from "~/app/_lib/api-errors";
import { api } from "~/app/_trpc/react";
import { API_KEY_EXPIRY_CHOICES } from "~/server/users/api-keys.schemas";

/** The form that mints a key, and the one moment its secret is shown. */
export function CreateApiKey() {
  const utils = api.useUtils();
  const { data } = api.apiKeys.list.useQuery();
  const [secret, setSecret] = useState<string | null>(null);
  const create = api.apiKeys.create.useMutation({
    onSuccess: (created) => {
      setSecret(created.secret);
      void utils.apiKeys.list.invalidate();
    },
  });
  const fieldErrors = fieldErrorsOf(create.error);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const expiry = Number(form.get("expiresInDays"));
    create.mutate(
      {
        name: String(form.get("name")),
        scopes: form.getAll("scopes").map(String) as never,
        ...(expiry > 0 && { expiresInDays: expiry }),
      },
      { onSuccess: () => (event.target as HTMLFormElement).reset() },
    );
  }

  return (
    <Card aria-labelledby="create-key-heading">
      <CardHeader>
        <CardTitle id="create-key-heading">Create a key</CardTitle>
        <CardDescription>Give each script its own key, with the fewest scopes it needs.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {secret && (
          <SecretReveal
            label="Your new API key"
            secret={secret}
            onDone={() => setSecret(null)}
            doneLabel="I have stored it"
            testId="new-api-key"
          />
        )}
        <form onSubmit={onSubmit} noValidate className="grid gap-4">
          {create.error && !fieldErrors.name && !fieldErrors.scopes && <ApiErrorAlert error={create.error} />}
          <FormField label="Name" name="name" required maxLength={80} errors={fieldErrors.name} />
          <fieldset className="grid gap-2" aria-describedby={fieldErrors.scopes ? "scopes-error" : undefined}>
            <legend className="mb-1 text-sm font-medium">Scopes</legend>
            {data?.grantable.map(({ scope, label }) => (
              <label key={scope} className="flex items-start gap-2 text-sm">
                <input type="checkbox" name="scopes" value={scope} className="mt-1 size-4" />
                <span>
                  <code className="font-mono">{scope}</code> — {label}
                </span>
              </label>
            ))}
            {fieldErrors.scopes && (
              <p id="scopes-error" className="text-sm text-destructive">
                {fieldErrors.scopes[0]}
              </p>
            )}
          </fieldset>
          <SelectField label="Expires" name="expiresInDays" defaultValue="90" className="max-w-56">
            {API_KEY_EXPIRY_CHOICES.map((days) => (
              <option key={days} value={days}>
                in {days} days
              </option>
            ))}
            <option value="0">never (until revoked)</option>
          </SelectField>
          <div>
            <Button type="submit" disabled={create.isPending}>
              {create.isPending ? "Creating…" : "Create key"}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
