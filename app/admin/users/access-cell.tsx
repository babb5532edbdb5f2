"use client";

import { useState } from "react";
import { Badge } from "~/app/_components/admin/badge";
import { ConfirmDialog } from "~/app/_components/ui/dialog";
import { Button } from "~/app/_components/ui/button";
import { messageOf } from "~/app/_lib/api-errors";
import { api } from "~/app/_trpc/react";

interface AccessCellProps {
  user: { id: string; email: string; disabledAt: Date | null };
  /** The signed-in admin's own row: never disabled from here (the server refuses it too). */
  isSelf: boolean;
}

/** Active / disabled, with the confirmed switch between them. */
export function AccessCell({ user, isSelf }: AccessCellProps) {
  const utils = api.useUtils();
  const [confirming, setConfirming] = useState(false);
  const setDisabled = api.admin.users.setDisabled.useMutation({ onSettled: () => void utils.admin.invalidate() });
  const disabled = user.disabledAt !== null;

  return (
    <div className="grid justify-items-start gap-1">
      <div className="flex items-center gap-2">
        <Badge tone={disabled ? "danger" : "success"}>{disabled ? "Disabled" : "Active"}</Badge>
        {!isSelf && (
          <Button
            variant="outline"
            size="sm"
            disabled={setDisabled.isPending}
            onClick={() => setConfirming(true)}
            aria-label={`${disabled ? "Enable" : "Disable"} ${user.email}`}
          >
            {setDisabled.isPending ? "Saving…" : disabled ? "Enable" : "Disable"}
          </Button>
        )}
      </div>
      {setDisabled.error && (
        <p role="alert" className="max-w-56 text-xs text-destructive">
          {messageOf(setDisabled.error)}
        </p>
      )}
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={disabled ? `Enable ${user.email}?` : `Disable ${user.email}?`}
        description={
          disabled
            ? "They can sign in again. Nothing else about the account changes."
            : "They are signed out on every device at once and cannot sign in until an admin enables the account again. Their orders and reviews stay."
        }
        confirmLabel={disabled ? "Enable account" : "Disable account"}
        destructive={!disabled}
        onConfirm={() => setDisabled.mutate({ userId: user.id, disabled: !disabled })}
      />
    </div>
  );
}
