"use client";

import Link from "next/link";
import { Button } from "./_components/ui/button";

interface ErrorPageProps {
  error: unknown;
  retry: () => void;
}

export default function ErrorPage({ error, retry }: ErrorPageProps) {
  // Server errors reach the browser without details; the digest finds them in the server logs.
  const digest = error instanceof Error && "digest" in error ? String(error.digest) : null;
  return (
    <div className="mx-auto grid w-full max-w-xl flex-1 content-center justify-items-start gap-4 px-4 py-16 sm:px-6">
      <h1 className="text-3xl font-semibold tracking-tight">This page did not load</h1>
      <p className="text-muted-foreground">
        Something went wrong on our side. Try again; if it keeps happening, contact support and mention the reference
        below.
      </p>
      {digest && (
        <p className="text-sm text-muted-foreground">
          Reference: <code className="font-mono break-all">{digest}</code>
        </p>
      )}
      <div className="flex flex-wrap gap-3">
        <Button onClick={retry}>Try again</Button>
        <Button asChild variant="outline">
          <Link href="/">Go to the home page</Link>
        </Button>
      </div>
    </div>
  );
}
