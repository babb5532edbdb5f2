import Link from "next/link";
import { Button } from "~/app/_components/ui/button";

export default function DocumentNotFound() {
  return (
    <div className="mx-auto grid w-full max-w-xl flex-1 content-center justify-items-start gap-4 px-4 py-16 sm:px-6">
      <p className="text-sm font-semibold text-primary">404</p>
      <h1 className="text-3xl font-semibold tracking-tight">We could not find that document</h1>
      <p className="text-muted-foreground">
        It may have been removed, or it is still being prepared. The help centre lists every document you can read.
      </p>
      <Button asChild>
        <Link href="/help">Go to the help centre</Link>
      </Button>
    </div>
  );
}
