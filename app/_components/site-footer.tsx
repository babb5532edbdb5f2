import Link from "next/link";
import { connection } from "next/server";
import { getEnv } from "~/server/env";

export async function SiteFooter() {
  await connection(); // settings are read per request, never baked in at build time
  const { DEV_MAILBOX } = getEnv();
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
          {DEV_MAILBOX && (
            <Link href="/dev/mailbox" className="hover:text-foreground">
              Dev mailbox
            </Link>
          )}
        </nav>
      </div>
    </footer>
  );
}
