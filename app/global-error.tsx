"use client";

import "./globals.css";

/** Replaces the root layout when the layout itself fails, so it brings its own document. */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && "digest" in error ? String(error.digest) : null;
  return (
    <html lang="en">
      <body className="grid min-h-dvh place-items-center p-6">
        <title>Shopwise is unavailable</title>
        <div className="grid max-w-md gap-4">
          <h1 className="text-2xl font-semibold">Shopwise could not load</h1>
          <p className="text-muted-foreground">
            Something went wrong on our side. Try again in a moment; if it keeps happening, contact support
            {digest ? " and mention the reference below." : "."}
          </p>
          {digest && <code className="font-mono text-sm break-all">{digest}</code>}
          <button
            type="button"
            onClick={retry}
            className="h-10 w-fit rounded-md bg-primary px-4 text-sm font-medium text-primary-foreground"
          >
            Try again
          </button>
        </div>
      </body>
    </html>
  );
}
