"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ApiErrorAlert } from "~/app/_components/api-error-alert";
import { Button } from "~/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/app/_components/ui/card";
import { FormField } from "~/app/_components/ui/form-field";
import { fieldErrorsOf } from "~/app/_lib/api-errors";
import { api } from "~/app/_trpc/react";

/** Where a changed password leaves you: every session, this one too, has ended on the server. */
const SIGN_IN_AGAIN = "/sign-in?callbackUrl=%2Faccount&notice=password-changed";

export function ChangePassword() {
  const [mismatch, setMismatch] = useState(false);
  const router = useRouter();
  const change = api.users.changePassword.useMutation({
    // refresh(): the header is a layout, rendered for the session that just ended.
    onSuccess: () => {
      router.replace(SIGN_IN_AGAIN);
      router.refresh();
    },
  });
  const fieldErrors = fieldErrorsOf(change.error);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const newPassword = String(form.get("newPassword"));
    const differs = newPassword !== String(form.get("confirmPassword"));
    setMismatch(differs);
    if (differs) return;
    change.mutate({ currentPassword: String(form.get("currentPassword")), newPassword });
  }

  return (
    <Card aria-labelledby="change-password-heading">
      <CardHeader>
        <CardTitle id="change-password-heading">Change your password</CardTitle>
        <CardDescription>
          This signs you out everywhere, this device included; then sign in with the new password.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={onSubmit} noValidate className="grid gap-4">
          {change.error && !fieldErrors.currentPassword && !fieldErrors.newPassword && (
            <ApiErrorAlert error={change.error} />
          )}
          <FormField
            label="Current password"
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            required
            errors={fieldErrors.currentPassword}
          />
          <FormField
            label="New password"
            name="newPassword"
            type="password"
            autoComplete="new-password"
            required
            minLength={10}
            maxLength={200}
            hint="At least 10 characters."
            errors={fieldErrors.newPassword}
          />
          <FormField
            label="Repeat the new password"
            name="confirmPassword"
            type="password"
            autoComplete="new-password"
            required
            errors={mismatch ? ["The two new passwords differ; type the same one twice."] : undefined}
          />
          <div>
            <Button type="submit" disabled={change.isPending || change.isSuccess}>
              {change.isPending || change.isSuccess ? "Changing…" : "Change password"}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
