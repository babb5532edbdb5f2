import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  BROKEN_CHARACTERS_MESSAGE,
  CONTROL_CHARACTERS_MESSAGE,
  cursorPageInput,
  idInput,
  INVALID_CURSOR_MESSAGE,
  jsonInput,
  moneyInput,
  searchQueryInput,
  slugInput,
  text,
} from "./inputs";

const messagesOf = (schema: z.ZodType, value: unknown) => schema.safeParse(value).error?.issues.map((i) => i.message);

const HIGH = "\uD83D"; // the first half of 😀
const LOW = "\uDE00"; // the second half

describe("text()", () => {
  const title = text({ max: 10 }).min(2);

  it("trims, and accepts tabs, newlines and any well-formed Unicode", () => {
    expect(title.parse("  Hi  ")).toBe("Hi");
    expect(title.parse("a\tb\r\nc")).toBe("a\tb\r\nc");
    expect(title.parse("Grüße 😀")).toBe("Grüße 😀");
    expect(title.parse(`${HIGH}${LOW}!`)).toBe("😀!");
    expect(text({ max: 10, trim: false }).parse("  pw  ")).toBe("  pw  ");
  });

  it.each([
    ["a NUL byte", "ab\u0000cd"],
    ["a NUL byte at the end, past the trim", "abcd\u0000"],
    ["another control character", "ab\u001Bcd"],
    ["DEL", "ab\u007Fcd"],
  ])("refuses %s", (_, value) => {
    expect(messagesOf(title, value)).toEqual([CONTROL_CHARACTERS_MESSAGE]);
  });

  it.each([
    ["a lone high surrogate", `ab${HIGH}cd`],
    ["a lone low surrogate", `ab${LOW}cd`],
    ["a pair in the wrong order", `ab${LOW}${HIGH}`],
    ["a high surrogate at the end", `abc${HIGH}`],
  ])("refuses %s", (_, value) => {
    expect(messagesOf(title, value)).toEqual([BROKEN_CHARACTERS_MESSAGE]);
  });

  it("bounds the length in characters, with a readable message", () => {
    expect(messagesOf(text({ max: 5000 }), "x".repeat(5001))).toEqual(["Use at most 5,000 characters."]);
    expect(title.parse("😀".repeat(10))).toHaveLength(20); // ten characters, twenty UTF-16 units
    expect(title.safeParse("x".repeat(11)).success).toBe(false);
    expect(title.safeParse(" x ").success).toBe(false); // min counts after the trim
    expect(title.safeParse(42).success).toBe(false);
  });

  it("refuses a megabyte of text quickly", () => {
    const started = performance.now();
    expect(title.safeParse(`${"x".repeat(1_000_000)}\u0000`).success).toBe(false);
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe("the vocabulary", () => {
  it("idInput: letters, digits, - and _, up to 40", () => {
    expect(idInput.parse(" clx0abc123def456 ")).toBe("clx0abc123def456");
    expect(messagesOf(idInput, "")).toEqual(["Enter an id."]);
    expect(messagesOf(idInput, "a\u0000")).toEqual([CONTROL_CHARACTERS_MESSAGE, "Not a valid id."]);
    expect(idInput.safeParse("../etc/passwd").success).toBe(false);
    expect(idInput.safeParse("x".repeat(41)).success).toBe(false);
  });

  it("searchQueryInput, slugInput and moneyInput refuse NUL too", () => {
    expect(searchQueryInput.parse("  rain jacket ")).toBe("rain jacket");
    expect(messagesOf(searchQueryInput, "jacket\u0000")).toEqual([CONTROL_CHARACTERS_MESSAGE]);
    expect(slugInput.parse(" Rain-Jacket ")).toBe("rain-jacket");
    expect(slugInput.safeParse("rain\u0000jacket").success).toBe(false);
    expect(moneyInput.parse("12.5")).toBe("12.50");
    expect(moneyInput.safeParse("12\u0000").success).toBe(false);
  });

  it("cursorPageInput: a cursor is an id or base64url, else a field error on cursor", () => {
    const page = cursorPageInput({ defaultLimit: 10, maxLimit: 50 });
    expect(page.parse({})).toEqual({ limit: 10 });
    expect(page.parse({ cursor: null, limit: 5 })).toEqual({ cursor: null, limit: 5 });
    expect(page.parse({ cursor: "eyJ2IjoxfQ" }).cursor).toBe("eyJ2IjoxfQ");
    for (const cursor of ["", "not a cursor", "a\u0000", `a${HIGH}`, "x".repeat(501), 7]) {
      const error = page.safeParse({ cursor }).error!;
      expect(Object.keys(z.flattenError(error).fieldErrors)).toEqual(["cursor"]);
    }
    expect(messagesOf(page, { cursor: "a b" })).toEqual([INVALID_CURSOR_MESSAGE]);
    expect(page.safeParse({ cursor: "abc", extra: 1 }).success).toBe(false);
  });
});

describe("jsonInput", () => {
  it("accepts JSON whose strings and keys are safe text", () => {
    const parts = [{ type: "text", text: "Hello 😀\nthere" }, { type: "step-start" }, { n: 1, ok: true, none: null }];
    expect(jsonInput.parse(parts)).toEqual(parts);
  });

  it("points at the first unsafe string or key", () => {
    const issues = (value: unknown) => jsonInput.safeParse(value).error?.issues.map((i) => [i.path, i.message]);
    expect(issues([{ type: "text", text: "hi\u0000" }])).toEqual([[[0, "text"], CONTROL_CHARACTERS_MESSAGE]]);
    expect(issues({ a: { [`k${LOW}`]: 1 } })).toEqual([[["a"], BROKEN_CHARACTERS_MESSAGE]]);
  });

  it("refuses deep nesting without overflowing the stack", () => {
    let deep: unknown = "leaf";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(jsonInput.safeParse(deep).error?.issues.map((i) => i.message)).toEqual(["Nested too deeply."]);
  });
});
