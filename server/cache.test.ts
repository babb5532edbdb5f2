import { describe, expect, it } from "vitest";
import { cached, MAX_CACHE_JSON_BYTES } from "./cache";

describe("the procedure cache", () => {
  it("keeps what its values add up to within its size budget, dropping the least recently used", async () => {
    const page = "x".repeat(1024 * 1024); // a 1 MB value
    const loads = new Map<string, number>();
    const load = (key: string) => async () => {
      loads.set(key, (loads.get(key) ?? 0) + 1);
      return { page, key };
    };
    const count = Math.ceil(MAX_CACHE_JSON_BYTES / page.length) + 4;
    for (let i = 0; i < count; i++) await cached(`size-test:${i}`, ["size-test"], load(`size-test:${i}`));
    // The newest are still cached; the oldest were dropped and load again.
    await cached(`size-test:${count - 1}`, ["size-test"], load(`size-test:${count - 1}`));
    expect(loads.get(`size-test:${count - 1}`)).toBe(1);
    await cached("size-test:0", ["size-test"], load("size-test:0"));
    expect(loads.get("size-test:0")).toBe(2);
  });
});
