"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { ApiErrorAlert } from "~/app/_components/api-error-alert";
import { Alert } from "~/app/_components/ui/alert";
import { Button } from "~/app/_components/ui/button";
import { FormField } from "~/app/_components/ui/form-field";
import { fieldErrorsOf } from "~/app/_lib/api-errors";
import { api } from "~/app/_trpc/react";
import { signInWithPassword } from "../actions";

export function SignUpForm() {
  const signUp = api.auth.signUp.useMutation();
  const [signingIn, startSignIn] = useTransition();
  const [signInError, setSignInError] = useState<string>();
  const fieldErrors = fieldErrorsOf(signUp.error);
  const emailTaken = signUp.error?.data?.appCode === "EMAIL_TAKEN";

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setSignInError(undefined);
    signUp.mutate(
      { name: String(form.get("name")), email: String(form.get("email")), password: String(form.get("password")) },
      {
        // The new account signs in with the same credentials; success redirects to /account.
        onSuccess: () =>
          startSignIn(async () => {
            form.set("callbackUrl", "/account");
            const result = await signInWithPassword({}, form);
            if (result?.error) setSignInError(result.error);
          }),
      },
    );
  }

  const busy = signUp.isPending || signingIn || (signUp.isSuccess && !signInError);
  return (
    // Validation messages come from the server, next to each field, instead of browser bubbles.
    <form onSubmit={onSubmit} noValidate className="grid gap-5">
      {emailTaken ? (
        <Alert tone="error">
          That email already has an account.{" "}
          <Link href="/sign-in" className="font-medium underline underline-offset-4">
            Sign in instead
          </Link>{" "}
          or use another email.
        </Alert>
      ) : Object.keys(fieldErrors).length > 0 ? (
        <Alert tone="error">Some fields need attention. Fix them below, then try again.</Alert>
      ) : (
        signUp.error && <ApiErrorAlert error={signUp.error} />
      )}
      {signInError && (
        <Alert tone="error" title="Your account is ready, but signing in failed.">
          {signInError}{" "}
          <Link href="/sign-in" className="font-medium underline underline-offset-4">
            Go to sign in
          </Link>
        </Alert>
      )}
      <FormField label="Name" name="name" autoComplete="name" required errors={fieldErrors.name} />
      <FormField
        label="Email"
        name="email"
        type="email"
        inputMode="email"
        autoComplete="email"
        required
        errors={fieldErrors.email}
      />
      <FormField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        hint="At least 10 characters. A few random words work well."
        errors={fieldErrors.password}
      />
      <Button type="submit" size="lg" className="w-full" disabled={busy}>
        {signUp.isPending ? "Creating account…" : busy ? "Signing you in…" : "Create account"}
      </Button>
    </form>
  );
}
