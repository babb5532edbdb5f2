"use client";

import { useActionState } from "react";
import { Alert } from "~/app/_components/ui/alert";
import { FormField } from "~/app/_components/ui/form-field";
import { SubmitButton } from "~/app/_components/ui/submit-button";
import { signInWithPassword, type SignInState } from "../actions";

const initialState: SignInState = {};

interface SignInFormProps {
  callbackUrl: string;
  /** An error Auth.js redirected here with; replaced by the outcome of the next attempt. */
  initialError?: string;
}

export function SignInForm({ callbackUrl, initialError }: SignInFormProps) {
  const [state, formAction] = useActionState(signInWithPassword, initialState);
  const error = state === initialState ? initialError : state.error;

  return (
    <form action={formAction} className="grid gap-5">
      {error && <Alert tone="error">{error}</Alert>}
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <FormField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        inputMode="email"
        required
        defaultValue={state.email}
      />
      <FormField label="Password" name="password" type="password" autoComplete="current-password" required />
      <SubmitButton className="w-full" size="lg" pendingText="Signing in…">
        Sign in
      </SubmitButton>
    </form>
  );
}
