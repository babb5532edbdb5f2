"use client";

import { useState } from "react";
import { Badge } from "~/app/_components/admin/badge";
import { ChoiceSelect } from "~/app/_components/admin/choice-select";
import { ConfirmDialog } from "~/app/_components/ui/dialog";
import { titleCase } from "~/app/_components/admin/format";
import { messageOf } from "~/app/_lib/api-errors";
import { api } from "~/app/_trpc/react";
import { roles, type Role } from "./user-params";

/** What each role may do, said before anyone is given it. */
const roleRights: Record<Role, string> = {
  CUSTOMER: "They can shop and see their own orders, and lose access to the back office.",
  STAFF: "They can open the back office and change products, categories, orders and reviews.",
  ADMIN: "They get everything staff can do, and can change other people's roles.",
};

interface RoleCellProps {
  user: { id: string; email: string; role: Role };
  /** The signed-in admin's own row: shown, never editable (the server refuses it too). */
  isSelf: boolean;
}

export function RoleCell({ user, isSelf }: RoleCellProps) {
  const utils = api.useUtils();
  const [pendingRole, setPendingRole] = useState<Role | null>(null);
  const setRole = api.admin.users.setRole.useMutation({ onSettled: () => void utils.admin.invalidate() });

  if (isSelf)
    return (
      <span className="inline-flex items-center gap-2">
        <Badge tone="accent">{titleCase(user.role)}</Badge>
        <span className="text-xs text-muted-foreground">You (ask another admin to change it)</span>
      </span>
    );

  return (
    <div className="grid justify-items-start gap-1">
      <div className="flex items-center gap-2">
        <ChoiceSelect
          label={`Role of ${user.email}`}
          value={user.role}
          options={roles.map((role) => ({ value: role, label: titleCase(role) }))}
          disabled={setRole.isPending}
          onChange={(role) => role !== user.role && setPendingRole(role)}
        />
        <span role="status" className="text-xs text-muted-foreground">
          {setRole.isPending ? "Saving…" : ""}
        </span>
      </div>
      {setRole.error && (
        <p role="alert" className="max-w-56 text-xs text-destructive">
          {messageOf(setRole.error)}
        </p>
      )}
      <ConfirmDialog
        open={pendingRole !== null}
        onOpenChange={(open) => !open && setPendingRole(null)}
        title={`Make ${user.email} ${pendingRole ? titleCase(pendingRole).toLowerCase() : ""}?`}
        description={pendingRole ? roleRights[pendingRole] : ""}
        confirmLabel="Change role"
        onConfirm={() => pendingRole && setRole.mutate({ userId: user.id, role: pendingRole })}
      />
    </div>
  );
}
