import { expect, type APIRequestContext } from "@playwright/test";

/**
 * tRPC over plain HTTP for test setup (superjson's wire shape: `{ json: input }` in, the result's
 * `data.json` out). Use the request context of the page whose session should make the call.
 */
export async function trpcQuery<T>(request: APIRequestContext, path: string, input?: unknown): Promise<T> {
  const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const response = await request.get(`/api/trpc/${path}${query}`);
  expect(response.ok(), `${path} failed: ${await response.text()}`).toBe(true);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

export async function trpcMutation<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const response = await request.post(`/api/trpc/${path}`, { data: { json: input } });
  expect(response.ok(), `${path} failed: ${await response.text()}`).toBe(true);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

export interface TestProduct {
  id: string;
  name: string;
  slug: string;
  price: string;
}

let sequence = 0;

/** A unique tag for names made by one test, so its rows are found by a search and nobody else's. */
export function uniqueTag(prefix: string) {
  return `${prefix} ${Date.now().toString(36)}${process.pid.toString(36)}${sequence++}`;
}

/**
 * A new active product of the test's own (staff session required), in the first category, or in
 * a new one when the catalog has none: tests never edit products other tests or people look at.
 */
export async function createTestProduct(request: APIRequestContext, name: string, price = "19.99") {
  const categories = await trpcQuery<{ id: string }[]>(request, "admin.categories.list");
  const categoryId =
    categories[0]?.id ??
    (
      await trpcMutation<{ id: string }>(request, "admin.categories.create", {
        name: "E2E things",
        slug: `e2e-things-${Date.now().toString(36)}`,
      })
    ).id;
  return trpcMutation<TestProduct>(request, "admin.products.create", {
    name,
    slug: name.toLowerCase().replace(/[^a-z0-9]+/g, "-"),
    description: "A product made by the end-to-end tests.",
    categoryId,
    price,
    stock: 50,
    active: true,
    imageUrl: null,
  });
}
