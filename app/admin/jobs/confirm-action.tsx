"use client";

import { useState } from "react";
import { ConfirmDialog } from "~/app/_components/admin/dialog";
import { Button } from "~/app/_components/ui/button";

interface ConfirmActionProps {
  label: string;
  pendingLabel: string;
  icon: React.ReactNode;
  title: string;
  description: React.ReactNode;
  confirmLabel: string;
  destructive?: boolean;
  pending: boolean;
  disabled?: boolean;
  onConfirm: () => void;
}

/** An admin action behind an "are you sure?" dialog, as everywhere in the back office. */
export function ConfirmAction({ label, pendingLabel, icon, pending, disabled, ...dialog }: ConfirmActionProps) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="outline" size="sm" disabled={disabled || pending} onClick={() => setOpen(true)}>
        {icon}
        {pending ? pendingLabel : label}
      </Button>
      <ConfirmDialog open={open} onOpenChange={setOpen} {...dialog} />
    </>
  );
}
