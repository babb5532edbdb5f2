/**
 * `npm run bench:live`: BENCH_SUBSCRIBERS (default 1,000) concurrent subscriptions on one production
 * server (`npm run build` first), all watching one product's stock — the widest fan-out: every event
 * goes to every subscriber. This process then changes the stock BENCH_EVENTS times (default 50,
 * 200 ms apart) the way a checkout does (announceProductChanges: a LiveEvent row, then the bus),
 * and each subscriber notes when the new figure reaches it. Reports connect time, delivery
 * (every subscriber must get every event), event latency p50/p99/max from the write to the
 * subscriber, and the server's RSS before and with the subscribers. Loopback only, bounded.
 */
import { announceProductChanges } from "../catalog/product-changes";
import { percentile, processMemoryMb, withBenchServer } from "./bench-server";

const subscribers = Number(process.env.BENCH_SUBSCRIBERS ?? 1_000);
const events = Number(process.env.BENCH_EVENTS ?? 50);
const gapMs = Number(process.env.BENCH_EVENT_GAP_MS ?? 200);

/** One subscriber: reads the event stream and calls `onStock` with each stock figure it announces. */
async function subscribe(url: string, productId: string, signal: AbortSignal, onStock: (stock: number) => void) {
  const input = encodeURIComponent(JSON.stringify({ json: { productIds: [productId] } }));
  const response = await fetch(`${url}/api/trpc/catalog.stockLive?input=${input}`, { signal });
  if (response.status !== 200) throw new Error(`subscription refused: ${response.status} ${await response.text()}`);
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let connected!: () => void;
  const ready = new Promise<void>((resolve) => (connected = resolve));
  void (async () => {
    let buffered = "";
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffered += value;
      let end: number;
      while ((end = buffered.indexOf("\n\n")) >= 0) {
        const message = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        if (message.includes("event: connected")) connected();
        const data = /^data: (.*)$/m.exec(message)?.[1];
        if (!data || message.includes("event: ")) continue;
        const stock = (JSON.parse(data) as { json: { data?: { stock?: number } } }).json.data?.stock;
        if (typeof stock === "number") onStock(stock);
      }
    }
  })();
  await ready;
}

await withBenchServer(
  {
    name: "live",
    prepare: async (db) =>
      void (await db.product.create({
        data: {
          name: "Bench live",
          slug: "bench-live",
          description: "Watched by every subscriber.",
          price: "10.00",
          stock: 100_000,
          category: { create: { name: "Bench", slug: "bench" } },
        },
      })),
  },
  async ({ url, db, pid }) => {
    const product = await db.product.findFirstOrThrow({ where: { slug: "bench-live" } });
    const before = await processMemoryMb(pid);
    const controller = new AbortController();
    // stock value → when this process wrote it, and the arrival times at the subscribers
    const sentAt = new Map<number, number>();
    const latencies: number[] = [];
    const received = new Array<number>(subscribers).fill(0);

    const connecting = performance.now();
    for (let start = 0; start < subscribers; start += 100)
      await Promise.all(
        Array.from({ length: Math.min(100, subscribers - start) }, (_, i) =>
          subscribe(url, product.id, controller.signal, (stock) => {
            const sent = sentAt.get(stock);
            if (sent === undefined) return;
            latencies.push(performance.now() - sent);
            received[start + i]!++;
          }),
        ),
      );
    const connectMs = Math.round(performance.now() - connecting);
    const withSubscribers = await processMemoryMb(pid);

    for (let n = 1; n <= events; n++) {
      const stock = 100_000 + n;
      sentAt.set(stock, performance.now());
      await announceProductChanges(db, [{ id: product.id, slug: product.slug, stock, active: true }]);
      await new Promise((r) => setTimeout(r, gapMs));
    }
    const deadline = Date.now() + 10_000;
    while (latencies.length < subscribers * events && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    const afterEvents = await processMemoryMb(pid);
    controller.abort();

    latencies.sort((a, b) => a - b);
    const complete = received.filter((count) => count === events).length;
    const ms = (v: number) => `${v.toFixed(1)} ms`;
    console.log(
      [
        `subscribers: ${subscribers} on one product (every event to every subscriber), connected in ${connectMs} ms`,
        `events: ${events}, ${gapMs} ms apart; deliveries ${latencies.length} of ${subscribers * events}; ` +
          `subscribers that got every event: ${complete} of ${subscribers}`,
        `event latency (write → subscriber): p50 ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))}, ` +
          `max ${ms(latencies.at(-1) ?? NaN)}`,
        `server RSS: ${before.rssMb} MB before, ${withSubscribers.rssMb} MB with the subscribers ` +
          `(${(((withSubscribers.rssMb - before.rssMb) * 1024) / subscribers).toFixed(1)} KB each), ` +
          `${afterEvents.rssMb} MB after the events`,
      ].join("\n"),
    );
    if (complete !== subscribers) process.exitCode = 1;
  },
);
