"use client";

import { useFormStatus } from "react-dom";
import { Button, type ButtonProps } from "./button";

interface SubmitButtonProps extends Omit<ButtonProps, "type" | "asChild"> {
  /** Label while the form's action runs, e.g. "Signing out…". */
  pendingText: string;
}

/** A submit button that disables itself and says what is happening while its form submits. */
export function SubmitButton({ pendingText, children, disabled, ...props }: SubmitButtonProps) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" disabled={pending || disabled} aria-disabled={pending || disabled} {...props}>
      {pending ? pendingText : children}
    </Button>
  );
}
