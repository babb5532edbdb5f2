import type { Metadata } from "next";
import Link from "next/link";
import { ApiReference } from "~/app/_components/developers/api-reference";

export const metadata: Metadata = { title: "REST API reference" };

/** The public REST reference (/api/v1), rendered from the OpenAPI document this server generates. */
export default function ApiReferencePage() {
  return (
    <div className="grid w-full gap-4 py-6">
      <p className="mx-auto w-full max-w-5xl px-4 text-sm text-muted-foreground sm:px-6">
        Generated from the same procedures the storefront calls.{" "}
        <Link href="/developers#rest" className="underline underline-offset-4">
          Getting started
        </Link>{" "}
        ·{" "}
        <a href="/api/v1/openapi.json" className="underline underline-offset-4">
          openapi.json
        </a>
      </p>
      <ApiReference />
    </div>
  );
}
