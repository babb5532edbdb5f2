import Link from "next/link";
import { getCurrentUser } from "~/app/_lib/session";
import { hasRole } from "~/server/auth/roles";
import { CartButton } from "./cart/cart-button";
import { Logo } from "./logo";
import { MobileNav } from "./mobile-nav";
import { NavLinks } from "./nav-links";
import { ThemeToggle } from "./theme-toggle";
import { Button } from "./ui/button";
import { UserMenu } from "./user-menu";

export async function SiteHeader() {
  const user = await getCurrentUser();
  return (
    <header className="sticky top-0 z-40 border-b bg-background/90 backdrop-blur">
      <div className="mx-auto flex h-16 max-w-6xl items-center gap-2 px-4 sm:gap-6 sm:px-6">
        <Logo />
        <NavLinks className="hidden sm:flex" />
        <div className="ml-auto flex items-center gap-1 sm:gap-2">
          <ThemeToggle />
          <CartButton />
          {user ? (
            <UserMenu name={user.name} email={user.email} staff={hasRole(user, "STAFF")} />
          ) : (
            <>
              <Button asChild variant="ghost">
                <Link href="/sign-in">Sign in</Link>
              </Button>
              <Button asChild className="max-sm:hidden">
                <Link href="/sign-up">Create account</Link>
              </Button>
            </>
          )}
          <MobileNav signedIn={Boolean(user)} />
        </div>
      </div>
    </header>
  );
}
