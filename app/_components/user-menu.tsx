"use client";

import { ChevronDown, LayoutDashboard, LogOut, UserRound } from "lucide-react";
import Link from "next/link";
import { useTransition } from "react";
import { signOutAction } from "~/app/(auth)/actions";
import { Button } from "./ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "./ui/dropdown-menu";

interface UserMenuProps {
  name: string | null;
  email: string;
  /** Offers the back office (the server checks the role again on every request there). */
  staff: boolean;
}

export function UserMenu({ name, email, staff }: UserMenuProps) {
  const [signingOut, startSignOut] = useTransition();
  const displayName = name ?? email;

  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" className="gap-2 px-1.5 sm:px-2" disabled={signingOut}>
          <span
            aria-hidden
            className="grid size-7 place-items-center rounded-full bg-primary text-xs font-semibold text-primary-foreground uppercase"
          >
            {initials(displayName)}
          </span>
          <span className="sr-only">Account menu for </span>
          <span className="max-w-40 truncate max-sm:sr-only">{signingOut ? "Signing out…" : displayName}</span>
          <ChevronDown aria-hidden className="text-muted-foreground max-sm:hidden" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent className="w-60">
        <DropdownMenuLabel className="grid gap-0.5">
          <span className="truncate font-medium">{displayName}</span>
          <span className="truncate text-xs text-muted-foreground">{email}</span>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href="/account">
            <UserRound aria-hidden />
            Account
          </Link>
        </DropdownMenuItem>
        {staff && (
          <DropdownMenuItem asChild>
            <Link href="/admin/products">
              <LayoutDashboard aria-hidden />
              Back office
            </Link>
          </DropdownMenuItem>
        )}
        {/* Called directly: a form inside the menu would unmount as the menu closes. */}
        <DropdownMenuItem onSelect={() => startSignOut(() => signOutAction())}>
          <LogOut aria-hidden />
          Sign out
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

function initials(value: string) {
  const parts = value.split(/[\s@.]+/).filter(Boolean);
  return parts
    .slice(0, 2)
    .map((p) => p[0])
    .join("");
}
