import type { Metadata } from "next";
import Link from "next/link";
import { API_SCOPES, API_SCOPE_NAMES } from "~/server/auth/api-scopes";
import { ClientSection, Code, LimitsSection, RestSection, Section, WebhooksSection } from "./guide-sections";

export const metadata: Metadata = { title: "Developers" };

const CURL_EXAMPLE = `curl -s https://shop.example.com/api/trpc/users.me \\
  -H "Authorization: Bearer $SHOPWISE_API_KEY"`;

const ERROR_EXAMPLE = `{
  "error": {
    "json": {
      "message": "This API key lacks the \\"orders:read\\" scope.",
      "data": { "httpStatus": 403, "appCode": "API_KEY_SCOPE_REQUIRED",
                "details": { "scope": "orders:read" }, "correlationId": "…" }
    }
  }
}`;

const ERRORS: [status: string, code: string, meaning: string][] = [
  ["401", "INVALID_API_KEY", "The key is unknown, malformed or revoked, or its account is disabled."],
  ["401", "API_KEY_EXPIRED", "The key's expiry has passed; create a new one."],
  ["403", "API_KEY_SCOPE_REQUIRED", "The key lacks the scope named in details.scope."],
  ["403", "API_KEY_NOT_ACCEPTED", "The procedure is for the signed-in website only (passwords, keys)."],
  ["400 / 422", "VALIDATION_FAILED", "fieldErrors names each failing field and why (422 over REST)."],
  ["422", "IDEMPOTENCY_KEY_REUSED", "This Idempotency-Key was used for a different request: use a new key."],
  ["409", "IDEMPOTENCY_KEY_IN_USE", "The first request with this key is still running; retry after Retry-After."],
  ["429", "RATE_LIMITED", "Too many calls; wait Retry-After seconds."],
  ["503", "DATABASE_UNAVAILABLE", "A short outage; retry after Retry-After seconds."],
];

/** The public developer guide: keys, the typed client, scopes, errors, REST, limits, webhooks. */
export default function DevelopersPage() {
  return (
    <div className="mx-auto grid w-full max-w-3xl gap-10 px-4 py-10 sm:px-6">
      <div className="grid gap-2">
        <h1 className="text-3xl font-semibold tracking-tight">Build on Shopwise</h1>
        <p className="text-muted-foreground">
          Everything the storefront does goes through typed procedures; your scripts call the same ones with an API key.
        </p>
      </div>

      <Section id="keys" title="Create a key">
        <p>
          Sign in, open{" "}
          <Link href="/account/api-keys" className="underline underline-offset-4">
            Account → API keys
          </Link>
          , name the key after what will use it, pick the fewest scopes it needs and an expiry. The secret (
          <code className="font-mono">sw_…</code>) is shown once: store it in your secret manager. We keep only its
          hash; revoke a key there and it stops working on its next request.
        </p>
        <Code>{CURL_EXAMPLE}</Code>
      </Section>

      <ClientSection />

      <Section id="scopes" title="Scopes">
        <p>A key acts as you, limited to its scopes. A key without a staff scope acts as a customer, even for staff.</p>
        <table className="w-full text-left text-sm">
          <thead>
            <tr className="border-b">
              <th className="py-2 pr-4 font-medium">Scope</th>
              <th className="py-2 pr-4 font-medium">Allows</th>
              <th className="py-2 font-medium">Who may grant it</th>
            </tr>
          </thead>
          <tbody>
            {API_SCOPE_NAMES.map((scope) => (
              <tr key={scope} className="border-b align-top">
                <td className="py-2 pr-4 font-mono text-xs">{scope}</td>
                <td className="py-2 pr-4">{API_SCOPES[scope].label}</td>
                <td className="py-2">{API_SCOPES[scope].role === "CUSTOMER" ? "anyone" : "staff"}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="text-sm text-muted-foreground">
          Changing your password or profile, and managing keys, are never possible with a key.
        </p>
      </Section>

      <Section id="errors" title="Errors">
        <p>Every error has one shape: an HTTP status, a stable appCode, and the failing fields.</p>
        <Code>{ERROR_EXAMPLE}</Code>
        <table className="w-full text-left text-sm">
          <tbody>
            {ERRORS.map(([status, code, meaning]) => (
              <tr key={code} className="border-b align-top">
                <td className="py-2 pr-4">{status}</td>
                <td className="py-2 pr-4 font-mono text-xs">{code}</td>
                <td className="py-2">{meaning}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>

      <RestSection />
      <LimitsSection />
      <WebhooksSection />
    </div>
  );
}
