"use client";

import type { Route } from "next";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "~/app/_lib/cn";

export const navLinks: { href: Route; label: string }[] = [
  { href: "/", label: "Home" },
  { href: "/products", label: "Shop" },
  { href: "/assistant", label: "Assistant" },
  { href: "/orders", label: "Orders" },
  { href: "/account", label: "Account" },
];

export function NavLinks({ className }: { className?: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className={cn("items-center gap-1", className)}>
      {navLinks.map(({ href, label }) => (
        <Link
          key={href}
          href={href}
          aria-current={isCurrent(pathname, href) ? "page" : undefined}
          className="rounded-md px-3 py-2 text-sm font-medium text-muted-foreground transition-colors hover:text-foreground aria-[current=page]:text-foreground"
        >
          {label}
        </Link>
      ))}
    </nav>
  );
}

/** A section's link stays current on its sub-pages (a product is in Shop, an order in Orders). */
function isCurrent(pathname: string, href: string) {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}
