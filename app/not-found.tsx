import Link from "next/link";
import { Button } from "./_components/ui/button";

export default function NotFound() {
  return (
    <div className="mx-auto grid w-full max-w-xl flex-1 content-center justify-items-start gap-4 px-4 py-16 sm:px-6">
      <p className="text-sm font-semibold text-primary">404</p>
      <h1 className="text-3xl font-semibold tracking-tight">We could not find that page</h1>
      <p className="text-muted-foreground">
        The link may be old or mistyped. Check the address, or start again from the home page.
      </p>
      <Button asChild>
        <Link href="/">Go to the home page</Link>
      </Button>
    </div>
  );
}
