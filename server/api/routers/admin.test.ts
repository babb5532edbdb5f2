import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { SessionUser } from "../../auth/roles";
import { db } from "../../db/client";
import { callerFor, createPaidOrder, createProduct, createUser } from "../../test/factories";
import { appRouter } from "../root";

/**
 * Every back-office list (a `list` query a customer may not call), with every sort its input
 * offers in both directions. Derived from the router and the input schemas, so a new list or a
 * new sort column is covered without editing this test.
 */
type AnyProcedure = { _def: { type: string; inputs: unknown[] } };
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, AnyProcedure>);
const lists = procedures.filter(([path, p]) => p._def.type === "query" && path.endsWith(".list"));

/** default / optional / pipe wrappers peeled off, down to the schema that decides values. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current: z.ZodType = schema;
  for (;;) {
    if (current instanceof z.ZodDefault || current instanceof z.ZodOptional || current instanceof z.ZodNullable)
      current = current.unwrap() as z.ZodType;
    else if (current instanceof z.ZodPipe) current = current.in as z.ZodType;
    else return current;
  }
}

function enumValues(shape: Record<string, z.ZodType>, key: string): string[] | null {
  const field = shape[key];
  if (!field) return null;
  const inner = unwrap(field);
  return inner instanceof z.ZodEnum ? (inner.options as string[]) : null;
}

/** The inputs to call a list with: each sort × direction, or just its defaults when it has no sort. */
function inputsOf(procedure: AnyProcedure): unknown[] {
  const schema = procedure._def.inputs[0] as z.ZodType | undefined;
  if (!schema) return [undefined];
  const object = unwrap(schema);
  if (!(object instanceof z.ZodObject)) return [{}];
  const shape = object.shape as Record<string, z.ZodType>;
  const sorts = enumValues(shape, "sort");
  if (!sorts) return [{}];
  const directions = enumValues(shape, "direction") ?? [undefined];
  return sorts.flatMap((sort) => directions.map((direction) => ({ sort, ...(direction && { direction }) })));
}

function call(user: SessionUser, path: string, input: unknown): Promise<unknown> {
  let target: unknown = callerFor(user);
  for (const segment of path.split(".")) target = (target as Record<string, unknown>)[segment];
  return (target as (input: unknown) => Promise<unknown>)(input);
}

let admin: SessionUser;
let customer: SessionUser;
let backOfficeLists: [string, AnyProcedure][];

beforeAll(async () => {
  admin = await createUser({ role: "ADMIN" });
  customer = await createUser();
  // Rows for every list, with a null in every nullable sort column (a review's sentiment).
  const product = await createProduct({ stock: 5 });
  await createPaidOrder(customer, product.id);
  await db.review.create({
    data: { productId: product.id, userId: customer.id, rating: 4, title: "Good", body: "Does what it says." },
  });
  backOfficeLists = [];
  for (const [path, procedure] of lists) {
    const refused = await call(customer, path, inputsOf(procedure)[0]).then(
      () => false,
      (e: unknown) => e instanceof TRPCError && e.code === "FORBIDDEN",
    );
    if (refused) backOfficeLists.push([path, procedure]);
  }
});

describe("back-office lists", () => {
  it("are found from the router", () => {
    expect(backOfficeLists.map(([path]) => path)).toEqual(
      expect.arrayContaining(["admin.products.list", "admin.orders.list", "admin.users.list", "admin.reviews.list"]),
    );
    const reviews = backOfficeLists.find(([path]) => path === "admin.reviews.list")![1];
    expect(inputsOf(reviews)).toHaveLength(6); // 3 columns × 2 directions
  });

  it("answer every sort in both directions", async () => {
    const failures: string[] = [];
    let calls = 0;
    for (const [path, procedure] of backOfficeLists)
      for (const input of inputsOf(procedure)) {
        calls++;
        await call(admin, path, input).catch((e: unknown) =>
          failures.push(`${path} ${JSON.stringify(input)}: ${(e as Error).message}`),
        );
      }
    expect(failures).toEqual([]);
    expect(calls).toBeGreaterThan(backOfficeLists.length);
  });

  it("admin.reviews.list puts reviews without a sentiment last, either way", async () => {
    const product = await createProduct({ stock: 5 });
    const [a, b] = [await createUser(), await createUser()];
    for (const u of [a, b]) await createPaidOrder(u, product.id);
    await db.review.create({
      data: { productId: product.id, userId: a.id, rating: 5, title: "Scored", body: "Lovely.", sentiment: 0.8 },
    });
    await db.review.create({
      data: { productId: product.id, userId: b.id, rating: 2, title: "Unscored", body: "Hmm." },
    });
    for (const direction of ["asc", "desc"] as const) {
      const page = await callerFor(admin).admin.reviews.list({ sort: "sentiment", direction, q: product.name });
      expect(page.items.map((r) => r.title)).toEqual(["Scored", "Unscored"]);
    }
  });
});
