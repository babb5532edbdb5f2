import Link from "next/link";

/** Public links only: the dev mailbox (ADMIN) is linked from the back office's navigation. */
export function SiteFooter() {
  return (
    <footer className="border-t">
      <div className="mx-auto flex max-w-6xl flex-col gap-3 px-4 py-6 text-sm text-muted-foreground sm:flex-row sm:items-center sm:justify-between sm:px-6">
        <p>© {new Date().getFullYear()} Shopwise. Shop smarter, not longer.</p>
        <nav aria-label="Footer" className="flex gap-4">
          <Link href="/help" className="hover:text-foreground">
            Help centre
          </Link>
          <Link href="/account" className="hover:text-foreground">
            Your account
          </Link>
        </nav>
      </div>
    </footer>
  );
}
