"use client";

import type { LucideIcon } from "lucide-react";
import { useState } from "react";
import { Button, type ButtonProps } from "~/app/_components/ui/button";
import { ConfirmDialog } from "~/app/_components/ui/dialog";

/**
 * What the button says, e.g. "Cancel order", and its accessible name when that differs (naming the
 * row it acts on); an icon-only button has only the name.
 */
type ButtonName = { label: string; ariaLabel?: string } | { label?: undefined; ariaLabel: string };

type ConfirmActionProps = ButtonName & {
  icon?: LucideIcon;
  /** The action is running: the button is disabled and shows `pendingLabel` (e.g. "Cancelling…"). */
  pending?: boolean;
  pendingLabel?: string;
  triggerVariant?: ButtonProps["variant"];
  triggerSize?: ButtonProps["size"];
  /** Other reasons the action is unavailable now (pending already disables it). */
  disabled?: boolean;
  title: string;
  description: React.ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  /** A red confirm button, for what cannot be undone. */
  destructive?: boolean;
  onConfirm: () => void;
};

/** A consequential action behind an "Are you sure?" dialog (focus on the safe choice, Escape cancels). */
export function ConfirmAction({
  label,
  icon: Icon,
  ariaLabel,
  pending = false,
  pendingLabel,
  triggerVariant = "outline",
  triggerSize = "md",
  disabled,
  ...dialog
}: ConfirmActionProps) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        variant={triggerVariant}
        size={triggerSize}
        disabled={disabled || pending}
        aria-label={ariaLabel}
        onClick={() => setOpen(true)}
      >
        {Icon && <Icon aria-hidden />}
        {label && (pending && pendingLabel ? pendingLabel : label)}
      </Button>
      <ConfirmDialog open={open} onOpenChange={setOpen} {...dialog} />
    </>
  );
}
