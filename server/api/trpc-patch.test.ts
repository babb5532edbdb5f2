import { parse } from "acorn";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * patches/@trpc+server+*.patch replaces the build's object-spread helper with native spread
 * (ADR 036). That gives the same objects only while every call passes a fresh object first and,
 * between spreads, object literals without getters or setters, and uses what it returns. These
 * hold for the installed version; an upgrade re-checks them here before the patch can mislead.
 */
const dist = path.dirname(createRequire(import.meta.url).resolve("@trpc/server"));
const files = readdirSync(dist, { recursive: true, encoding: "utf8" }).filter((f) => /\.(mjs|cjs)$/.test(f));

interface Node {
  type: string;
  [key: string]: unknown;
}
type Call = Node & { callee: Node & { name?: string; property?: { name?: string } }; arguments: Node[] };

function spreadCalls(file: string) {
  const source = readFileSync(path.join(dist, file), "utf8");
  const sourceType = file.endsWith(".mjs") ? "module" : "script";
  const calls: { call: Call; parent: Node | null }[] = [];
  const walk = (node: Node, parent: Node | null) => {
    if (isSpreadCall(node)) calls.push({ call: node, parent });
    for (const value of Object.values(node))
      for (const child of Array.isArray(value) ? value : [value])
        if (child && typeof (child as Node).type === "string") walk(child as Node, node);
  };
  walk(parse(source, { ecmaVersion: "latest", sourceType }) as unknown as Node, null);
  return calls;
}

const isSpreadCall = (node: Node): node is Call =>
  node.type === "CallExpression" &&
  ((node as Call).callee.name ?? (node as Call).callee.property?.name) === "_objectSpread2";
/** An object literal of plain properties: no getters, setters or spreads, and no `__proto__:` (a prototype). */
const isLiteral = (node: Node) =>
  node.type === "ObjectExpression" &&
  (
    node.properties as { type: string; kind?: string; computed?: boolean; key?: { name?: string; value?: unknown } }[]
  ).every(
    (p) => p.type === "Property" && p.kind === "init" && (p.computed || (p.key?.name ?? p.key?.value) !== "__proto__"),
  );
/** Where a call's answer is thrown away: the helper used to change its first argument, native spread does not. */
const DISCARDING = ["ExpressionStatement", "SequenceExpression", "UnaryExpression"];

describe("the @trpc/server spread patch", () => {
  it("is installed: the helper is native spread", () => {
    const helpers = files.filter((f) => readFileSync(path.join(dist, f), "utf8").includes("function _objectSpread2("));
    expect(helpers.length).toBeGreaterThan(0);
    for (const file of helpers)
      expect(readFileSync(path.join(dist, file), "utf8")).toContain("e = { ...e, ...arguments[r] };");
  });

  it("is exact for every call in the package", () => {
    const calls = files.flatMap(spreadCalls);
    expect(calls.length).toBeGreaterThan(50);
    for (const { call, parent } of calls) {
      expect(call.arguments.every((arg) => arg.type !== "SpreadElement")).toBe(true);
      const [first, ...rest] = call.arguments;
      // A new object to copy into: a literal (no accessors) or the helper's own answer.
      expect(isLiteral(first!) || isSpreadCall(first!)).toBe(true);
      // After it, spread sources and the literals between them, in turn.
      rest.forEach((arg, i) => i % 2 === 1 && expect(isLiteral(arg)).toBe(true));
      expect(DISCARDING).not.toContain(parent?.type);
    }
  });
});
