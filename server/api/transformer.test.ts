import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { serverTransformer } from "./transformer";

/** The output transformer answers exactly what superjson would, whichever way it gets there. */
describe("serverTransformer.output.serialize", () => {
  const shared = { slug: "kitchen" };
  const sparse = [1, , 3];
  const values: [string, unknown][] = [
    [
      "a product list",
      { items: [{ id: "p1", price: "9.99", stock: 3, imageUrl: null, category: { slug: "k" } }], nextCursor: null },
    ],
    ["scalars", ["text", 0, 1.5, true, false, null]],
    ["a date", { createdAt: new Date("2026-12-02T10:00:00Z") }],
    ["undefined in an object", { a: undefined, b: 1 }],
    ["a bigint", { n: 10n }],
    ["NaN, Infinity and -0", [NaN, Infinity, -Infinity, -0]],
    ["a Map and a Set", { m: new Map([["a", 1]]), s: new Set([1]) }],
    ["one object twice", { a: shared, b: shared }],
    ["a sparse array", sparse],
    ["a null-prototype object", Object.assign(Object.create(null) as object, { a: 1 })],
    ["a class instance", { at: new URL("https://shop.example/") }],
    ["a plain string", "ok"],
    ["nothing", undefined],
  ];
  it.each(values)("%s", (_name, value) => {
    let expected: unknown;
    try {
      expected = superjson.serialize(value);
    } catch (error) {
      expect(() => serverTransformer.output.serialize(value)).toThrow((error as Error).message);
      return;
    }
    expect(serverTransformer.output.serialize(value)).toStrictEqual(expected);
  });
});
