"use client";

import { useState } from "react";
import { Button, type ButtonProps } from "~/app/_components/ui/button";
import { ConfirmDialog } from "~/app/_components/ui/dialog";

interface ConfirmActionProps {
  /** What the button shows, e.g. "Cancel order", with its icon if any. */
  trigger: React.ReactNode;
  triggerVariant?: ButtonProps["variant"];
  triggerSize?: ButtonProps["size"];
  disabled?: boolean;
  title: string;
  description: React.ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  /** A red confirm button, for what cannot be undone. */
  destructive?: boolean;
  onConfirm: () => void;
}

/** A consequential action behind an "Are you sure?" dialog (focus on the safe choice, Escape cancels). */
export function ConfirmAction({
  trigger,
  triggerVariant = "outline",
  triggerSize = "md",
  disabled,
  ...dialog
}: ConfirmActionProps) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant={triggerVariant} size={triggerSize} disabled={disabled} onClick={() => setOpen(true)}>
        {trigger}
      </Button>
      <ConfirmDialog open={open} onOpenChange={setOpen} {...dialog} />
    </>
  );
}
