"use client";

import {
  BookOpen,
  Bot,
  FolderTree,
  ListChecks,
  Headset,
  Mail,
  Menu,
  MessageSquareText,
  Package,
  ScrollText,
  ShoppingBag,
  Users,
  X,
} from "lucide-react";
import type { Route } from "next";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useId, useState } from "react";
import { cn } from "~/app/_lib/cn";

interface Section {
  href: Route;
  label: string;
  icon: typeof Package;
  adminOnly?: boolean;
  /** Shown only while the dev mailbox is on (DEV_MAILBOX). */
  devMailbox?: boolean;
}

const sections: Section[] = [
  { href: "/admin/products", label: "Products", icon: Package },
  { href: "/admin/categories", label: "Categories", icon: FolderTree },
  { href: "/admin/orders", label: "Orders", icon: ShoppingBag },
  { href: "/admin/reviews", label: "Reviews", icon: MessageSquareText },
  { href: "/admin/knowledge", label: "Knowledge base", icon: BookOpen },
  { href: "/admin/support", label: "Support", icon: Headset },
  { href: "/admin/assistant", label: "Assistant", icon: Bot },
  { href: "/admin/jobs", label: "Jobs", icon: ListChecks },
  { href: "/admin/users", label: "Users", icon: Users, adminOnly: true },
  { href: "/admin/audit", label: "Audit log", icon: ScrollText },
  { href: "/dev/mailbox", label: "Dev mailbox", icon: Mail, adminOnly: true, devMailbox: true },
];

/** Side navigation; on narrow screens it folds into a button that names the current section. */
export function AdminNav({ isAdmin, devMailbox }: { isAdmin: boolean; devMailbox: boolean }) {
  const pathname = usePathname();
  const listId = useId();
  const [open, setOpen] = useState(false);
  const visible = sections.filter((s) => (isAdmin || !s.adminOnly) && (devMailbox || !s.devMailbox));
  const current = visible.find((s) => pathname === s.href || pathname.startsWith(`${s.href}/`));

  return (
    <nav aria-label="Back office" className="md:sticky md:top-24 md:w-52 md:shrink-0 md:self-start">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((o) => !o)}
        className="flex h-11 w-full items-center gap-2 rounded-md border bg-card px-3 text-sm font-medium shadow-xs md:hidden"
      >
        {open ? <X aria-hidden className="size-4" /> : <Menu aria-hidden className="size-4" />}
        <span className="text-muted-foreground">Back office:</span>
        {current?.label ?? "Sections"}
      </button>
      <p className="mb-2 hidden px-3 text-xs font-semibold tracking-wide text-muted-foreground uppercase md:block">
        Back office
      </p>
      <ul
        id={listId}
        className={cn(
          "mt-2 grid gap-1 rounded-md border bg-card p-1 md:mt-0 md:border-0 md:bg-transparent md:p-0",
          !open && "max-md:hidden",
        )}
      >
        {visible.map(({ href, label, icon: Icon }) => (
          <li key={href}>
            <Link
              href={href}
              aria-current={current?.href === href ? "page" : undefined}
              onClick={() => setOpen(false)}
              className="flex items-center gap-2.5 rounded-md px-3 py-2 text-sm font-medium text-muted-foreground transition-colors hover:bg-muted hover:text-foreground aria-[current=page]:bg-accent aria-[current=page]:text-accent-foreground"
            >
              <Icon aria-hidden className="size-4" />
              {label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
