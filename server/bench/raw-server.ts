/**
 * The limit `npm run bench:compare` measures Shopwise against: plain `node:http` and `pg` (a pool
 * of 10, as the app's), the same SQL, no framework, no cache, no validation, no auth, no logs.
 * `/checkout` is the whole order's statements (raw-checkout.ts), `/decrement` only its locked decrement.
 * Run by compare.ts as its own process: `DATABASE_URL=… PORT=… tsx server/bench/raw-server.ts`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import pg from "pg";
import type { ListProductsInput } from "../catalog/catalog.schemas";
import { effectiveSort, productListQuery, searchQuery, typoTolerant } from "../catalog/product-search";
import { rawCheckout, type RawCheckout } from "./raw-checkout";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
// Idle connections end when the database stops after the run: not an error of this server's.
pool.on("error", () => {});
const checkout = rawCheckout(pool);

const PRODUCT_COLUMNS = `p.id, p.slug, p.name, p.description, p.price, p.stock, p."imageUrl", p."createdAt",
  p."updatedAt", c.slug AS "categorySlug", c.name AS "categoryName"`;

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "Content-Type": "application/json" });
  res.end(JSON.stringify(body));
}

async function search(url: URL) {
  const input = {
    q: url.searchParams.get("q") ?? undefined,
    maxPrice: url.searchParams.get("maxPrice") ?? undefined,
    limit: 24,
  } as ListProductsInput;
  const sort = effectiveSort(input);
  const words = productListQuery(input, sort, "words", null);
  const { rows } = await pool.query(words.text, words.values);
  const search = searchQuery(input);
  if (rows.length || !search || !typoTolerant(search.text)) return rows;
  // The typo fallback, as the catalog runs it (one statement).
  const similar = productListQuery(input, sort, "similar", null);
  return (await pool.query(similar.text, similar.values)).rows;
}

/** Lock the row, decrement it if any is left: the heart of a checkout, nothing else. */
async function decrement(productId: string) {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query(`SELECT stock FROM "Product" WHERE id = $1 FOR UPDATE`, [productId]);
    const { rows } = await client.query(
      `UPDATE "Product" SET stock = stock - 1 WHERE id = $1 AND stock > 0 RETURNING stock`,
      [productId],
    );
    await client.query("COMMIT");
    return rows[0] ?? null;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = "";
  for await (const chunk of req) body += chunk;
  return body;
}

async function route(req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? "/", "http://raw");
  switch (url.pathname) {
    case "/ping":
      return send(res, 200, { ok: true });
    case "/product": {
      const { rows } = await pool.query(
        `SELECT ${PRODUCT_COLUMNS} FROM "Product" p JOIN "Category" c ON c.id = p."categoryId"
         WHERE p.slug = $1 AND p.active`,
        [url.searchParams.get("slug")],
      );
      return rows[0] ? send(res, 200, rows[0]) : send(res, 404, { error: "not found" });
    }
    case "/newest": {
      const { rows } = await pool.query(
        `SELECT ${PRODUCT_COLUMNS} FROM "Product" p JOIN "Category" c ON c.id = p."categoryId"
         WHERE p.active ORDER BY p."createdAt" DESC, p.id LIMIT 20`,
      );
      return send(res, 200, rows);
    }
    case "/search":
      return send(res, 200, await search(url));
    case "/decrement": {
      const { productId } = JSON.parse(await readBody(req)) as { productId: string };
      const row = await decrement(productId);
      return row ? send(res, 200, row) : send(res, 409, { error: "sold out" });
    }
    case "/checkout": {
      const { status, ...body } = await checkout(JSON.parse(await readBody(req)) as RawCheckout);
      return send(res, status, body);
    }
    default:
      return send(res, 404, { error: "not found" });
  }
}

let failed = false;
const server = createServer((req, res) => {
  route(req, res).catch((error: unknown) => {
    // The first failure says why a limit is off; the rest would only repeat it.
    if (!failed) console.error("raw server:", error);
    failed = true;
    send(res, 500, { error: String(error) });
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT), "127.0.0.1");
process.on("SIGTERM", () => {
  server.close();
  void pool.end().then(() => process.exit(0));
});
