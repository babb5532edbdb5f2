"use client";

import { useRouter } from "next/navigation";
import { ApiErrorAlert } from "~/app/_components/api-error-alert";
import { Alert } from "~/app/_components/ui/alert";
import { Button } from "~/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/app/_components/ui/card";
import { FormField } from "~/app/_components/ui/form-field";
import { fieldErrorsOf } from "~/app/_lib/api-errors";
import { api } from "~/app/_trpc/react";

// A fixed zone keeps server and browser renders identical (no hydration mismatch).
const memberSince = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" });

export function AccountProfile() {
  const [me] = api.users.me.useSuspenseQuery();
  const utils = api.useUtils();
  const router = useRouter();
  const update = api.users.updateProfile.useMutation({
    onSuccess: (profile) => {
      utils.users.me.setData(undefined, profile);
      router.refresh(); // the header shows the name too
    },
  });
  const fieldErrors = fieldErrorsOf(update.error);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    update.mutate({ name: String(new FormData(event.currentTarget).get("name")) });
  }

  const details = [
    ["Name", me.name ?? "Not set"],
    ["Email", me.email],
    ["Role", me.role.charAt(0) + me.role.slice(1).toLowerCase()],
    ["Member since", memberSince.format(me.createdAt)],
  ] as const;

  return (
    <>
      <Card aria-labelledby="profile-heading">
        <CardHeader>
          <CardTitle id="profile-heading">Profile</CardTitle>
        </CardHeader>
        <CardContent>
          <dl className="grid gap-4 sm:grid-cols-[10rem_1fr] sm:items-baseline sm:gap-x-6 sm:gap-y-3">
            {details.map(([term, value]) => (
              <div key={term} className="grid gap-1 sm:contents">
                <dt className="text-sm text-muted-foreground">{term}</dt>
                <dd className="font-medium break-words">{value}</dd>
              </div>
            ))}
          </dl>
        </CardContent>
      </Card>

      <Card aria-labelledby="edit-name-heading">
        <CardHeader>
          <CardTitle id="edit-name-heading">Change your name</CardTitle>
          <CardDescription>This is how Shopwise greets you, in the app and in emails.</CardDescription>
        </CardHeader>
        <CardContent>
          <form onSubmit={onSubmit} noValidate className="grid gap-4">
            {update.isSuccess && <Alert tone="success">Your name is saved.</Alert>}
            {update.error && !fieldErrors.name && <ApiErrorAlert error={update.error} />}
            <FormField
              label="Display name"
              name="name"
              autoComplete="name"
              required
              maxLength={80}
              defaultValue={me.name ?? ""}
              errors={fieldErrors.name}
              onChange={() => update.isSuccess && update.reset()}
            />
            <div>
              <Button type="submit" disabled={update.isPending}>
                {update.isPending ? "Saving…" : "Save name"}
              </Button>
            </div>
          </form>
        </CardContent>
      </Card>
    </>
  );
}
