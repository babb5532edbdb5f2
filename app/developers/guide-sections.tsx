import Link from "next/link";
import {
  CLIENT_EXAMPLE,
  INSTALL_CLIENT,
  RATE_LIMIT_HEADERS,
  REST_EXAMPLES,
  VERIFY_WEBHOOK,
  WEBHOOK_DELIVERY,
} from "./examples";

export function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="grid gap-3">
      <h2 id={id} className="text-xl font-semibold tracking-tight">
        {title}
      </h2>
      {children}
    </section>
  );
}

export const Code = ({ children, label }: { children: string; label?: string }) => (
  <pre
    aria-label={label}
    className="overflow-x-auto rounded-lg border bg-muted p-4 font-mono text-xs leading-relaxed"
    tabIndex={0}
  >
    {children}
  </pre>
);

const Mono = ({ children }: { children: React.ReactNode }) => <code className="font-mono text-sm">{children}</code>;

export function ClientSection() {
  return (
    <Section id="client" title="Call it from TypeScript">
      <p>
        <Mono>@shopwise/client</Mono> is a typed client of every procedure: inputs, results and errors are checked by
        your compiler. It carries the router&apos;s types and no server code.
      </p>
      <Code label="Install the client">{INSTALL_CLIENT}</Code>
      <p>
        List products, place an order with an idempotency key and read it back (<Mono>SHOPWISE_URL</Mono> and{" "}
        <Mono>SHOPWISE_API_KEY</Mono> in the environment):
      </p>
      <Code label="place-order.ts">{CLIENT_EXAMPLE}</Code>
    </Section>
  );
}

export function RestSection() {
  return (
    <Section id="rest" title="REST, for any language">
      <p>
        Scripts in any language can call the same procedures as REST under <code className="font-mono">/api/v1</code>:
        resources with their HTTP methods (<code className="font-mono">GET /api/v1/products</code>,{" "}
        <code className="font-mono">POST /api/v1/orders</code>,{" "}
        <code className="font-mono">POST /api/v1/orders/{"{orderId}"}/cancel</code>, …), JSON in and out, the same keys,
        scopes and errors (<code className="font-mono">{"{ error: { message, data } }"}</code>, 422 when a field is
        invalid). The OpenAPI 3.1 document is at{" "}
        <a href="/api/v1/openapi.json" className="underline underline-offset-4">
          /api/v1/openapi.json
        </a>{" "}
        for client generators; the{" "}
        <Link href="/developers/api" className="underline underline-offset-4">
          API reference
        </Link>{" "}
        lists every operation and lets you try them.
      </p>
      <Code>{REST_EXAMPLES}</Code>
      <p>
        Every write (POST, PUT, PATCH, DELETE) takes an <code className="font-mono">Idempotency-Key</code> header (1–255
        printable characters; a UUID per attempt). Sent again with the same request within 24 hours, it returns the
        first answer with <code className="font-mono">Idempotent-Replayed: true</code> instead of doing the work twice;
        with another request it is refused. For orders the header also serves as the order&apos;s own idempotency key
        when the body leaves it out.
      </p>
    </Section>
  );
}

export function LimitsSection() {
  return (
    <Section id="limits" title="Rate limits and retries">
      <p>
        Every caller has an allowance per class of call — reads, writes, checkout and the assistant — counted per API
        key (else per account, else per address) and shared by every server. Each limited response says where you stand;
        past the limit the answer is 429 <Mono>RATE_LIMITED</Mono> with <Mono>Retry-After</Mono> in seconds.
      </p>
      <Code label="Rate-limit headers">{RATE_LIMIT_HEADERS}</Code>
      <p>
        Retry a 429 or a 503 after <Mono>Retry-After</Mono>. Retrying a write is safe when it carries an idempotency
        key: <Mono>orders.create</Mono> takes one in its input (a UUID per checkout attempt); sending the same order
        again with it returns the first order instead of placing a second.
      </p>
    </Section>
  );
}

export function WebhooksSection() {
  return (
    <Section id="webhooks" title="Webhooks">
      <p>
        Register an endpoint at{" "}
        <Link href="/account/webhooks" className="underline underline-offset-4">
          Account → Webhooks
        </Link>{" "}
        (or with a key holding <Mono>webhooks:manage</Mono>) and choose events: <Mono>order.created</Mono>,{" "}
        <Mono>order.paid</Mono>, <Mono>order.shipped</Mono>, <Mono>order.cancelled</Mono>. Your endpoint receives your
        own orders&apos; events; staff may ask for every order&apos;s (a fulfilment integration) on the website — a key
        acts as a customer here. Deliveries are retried with backoff until your endpoint answers 2xx; each attempt is
        listed with its response code, and a delivery can be re-sent.
      </p>
      <Code label="A delivery">{WEBHOOK_DELIVERY}</Code>
      <p>
        Check the signature before trusting a delivery: HMAC-SHA256 over <Mono>{"<t>.<raw body>"}</Mono> with the
        endpoint&apos;s <Mono>whsec_…</Mono> secret, on the raw bytes (before parsing JSON), within five minutes of{" "}
        <Mono>t</Mono>. Deliveries are at least once: skip an event id you have already handled.
      </p>
      <Code label="Verify a signature (Node)">{VERIFY_WEBHOOK}</Code>
    </Section>
  );
}
