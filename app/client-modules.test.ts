import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * A server component that imports a plain value from a "use client" module gets a client reference,
 * not the value: `prefetchInfinite({ limit: PAGE_SIZE })` then sent an object and failed validation
 * on every render of four pages. Shared constants live in the domain's schemas file instead.
 */
async function clientModules(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const files = entries
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !e.name.includes(".test."))
    .map((e) => path.join(e.parentPath, e.name));
  const sources = await Promise.all(files.map(async (file) => [file, await readFile(file, "utf8")] as const));
  return sources.filter(([, source]) => /^\s*["']use client["']/.test(source)).map(([file]) => file);
}

describe('"use client" modules', () => {
  it("export no constants (a server module importing one would get a client reference)", async () => {
    const offenders: string[] = [];
    for (const file of await clientModules("app")) {
      const source = await readFile(file, "utf8");
      for (const match of source.matchAll(/^export const ([A-Z][A-Z0-9_]+)\s*=/gm))
        offenders.push(`${file}: ${match[1]}`);
    }
    expect(offenders).toEqual([]);
  });
});
