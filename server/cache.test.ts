import { afterEach, describe, expect, it, vi } from "vitest";
import { cached, clearCache, evictHere, MAX_CACHE_JSON_BYTES, MAX_SHARED_LOAD_MS } from "./cache";

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

  it("hands out its values frozen all the way down outside production, so no caller changes another's answer", async () => {
    const price = { amount: "9.99" };
    const value = await cached("frozen-test", ["frozen-test"], async () => ({
      items: [{ name: "Mug", price }],
      when: new Date(0),
    }));
    expect(() => value.items.push({ name: "Cup", price })).toThrow(TypeError);
    expect(() => Object.assign(value.items[0]!.price, { amount: "0.01" })).toThrow(TypeError);
    expect(Object.isFrozen(value.when)).toBe(false); // class instances are left as they are
    expect(await cached("frozen-test", ["frozen-test"], async () => null)).toBe(value);
  });
});

/** A load the test finishes by hand, counting how often it ran. */
function manualLoad<T>() {
  const runs: { resolve: (value: T) => void; reject: (error: Error) => void }[] = [];
  const load = () => new Promise<T>((resolve, reject) => void runs.push({ resolve, reject }));
  return { load, runs };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

describe("concurrent misses", () => {
  it("share one load, and what it loaded is kept", async () => {
    const { load, runs } = manualLoad<string>();
    const callers = [1, 2, 3].map(() => cached("flight:shared", ["flight:a"], load));
    expect(runs).toHaveLength(1);
    runs[0]!.resolve("v1");
    expect(await Promise.all(callers)).toEqual(["v1", "v1", "v1"]);
    expect(await cached("flight:shared", ["flight:a"], load)).toBe("v1");
    expect(runs).toHaveLength(1);
  });

  it("a write during the load: the value is not kept, and a caller who came after the write loads again", async () => {
    const { load, runs } = manualLoad<string>();
    const before = cached("flight:write", ["flight:b"], load);
    evictHere(["flight:b"]); // a write committed while the first load was reading
    const after = cached("flight:write", ["flight:b"], load);
    runs[0]!.resolve("old");
    expect(await before).toBe("old"); // overlapped the write: either answer is right for it
    await tick();
    expect(runs).toHaveLength(2); // the later caller did not take the old value
    runs[1]!.resolve("new");
    expect(await after).toBe("new");
    expect(await cached("flight:write", ["flight:b"], load)).toBe("new");
    expect(runs).toHaveLength(2);
  });

  it("a write of other tags during the load does not stop the value being kept", async () => {
    const { load, runs } = manualLoad<{ id: string }>();
    const pending = cached("flight:other", (v) => [`flight:${v.id}`], load);
    evictHere(["flight:unrelated"]);
    const joined = cached("flight:other", (v) => [`flight:${v.id}`], load);
    runs[0]!.resolve({ id: "c" });
    expect(await Promise.all([pending, joined])).toEqual([{ id: "c" }, { id: "c" }]);
    expect(await cached("flight:other", [], load)).toEqual({ id: "c" });
    expect(runs).toHaveLength(1);
  });

  it("a tag its value carries, evicted during the load, keeps the value out of the cache", async () => {
    const { load, runs } = manualLoad<{ id: string }>();
    const pending = cached("flight:value-tag", (v) => [`flight:${v.id}`], load);
    evictHere(["flight:d"]);
    runs[0]!.resolve({ id: "d" });
    await pending;
    const again = cached("flight:value-tag", (v) => [`flight:${v.id}`], load);
    expect(runs).toHaveLength(2);
    runs[1]!.resolve({ id: "d" });
    await again;
  });

  it("clearing the cache during a load keeps its value out", async () => {
    const { load, runs } = manualLoad<string>();
    const pending = cached("flight:clear", ["flight:e"], load);
    clearCache();
    runs[0]!.resolve("old");
    await pending;
    const again = cached("flight:clear", ["flight:e"], load);
    expect(runs).toHaveLength(2);
    runs[1]!.resolve("new");
    expect(await again).toBe("new");
  });

  it("an error reaches every caller that waited and is not kept", async () => {
    const { load, runs } = manualLoad<string>();
    const callers = [1, 2].map(() => cached("flight:error", ["flight:f"], load));
    runs[0]!.reject(new Error("database went away"));
    for (const caller of callers) await expect(caller).rejects.toThrow("database went away");
    const again = cached("flight:error", ["flight:f"], load);
    expect(runs).toHaveLength(2);
    runs[1]!.resolve("back");
    expect(await again).toBe("back");
  });

  it("a write that lands as the load's value is judged: a caller after it does not get the old value", async () => {
    const { load, runs } = manualLoad<string>();
    const first = cached("flight:settling", ["flight:g"], load);
    // The writer's continuation runs in the same turn as the load's, just after it.
    let late: Promise<string> | undefined;
    const settled = new Promise<void>((resolve) => {
      runs[0]!.resolve("old");
      void Promise.resolve().then(() => {
        evictHere(["flight:g"]);
        late = cached("flight:settling", ["flight:g"], load);
        resolve();
      });
    });
    expect(await first).toBe("old");
    await settled;
    await tick();
    expect(runs).toHaveLength(2);
    runs[1]!.resolve("new");
    expect(await late).toBe("new");
  });

  it("a load that hangs is not joined past its time: later callers load afresh, the hung value is not kept", async () => {
    const { load, runs } = manualLoad<string>();
    const hung = cached("flight:hung", ["flight:h"], load);
    const now = performance.now();
    const clock = vi.spyOn(performance, "now").mockReturnValue(now + MAX_SHARED_LOAD_MS + 1);
    const later = cached("flight:hung", ["flight:h"], load);
    expect(runs).toHaveLength(2);
    runs[1]!.resolve("fresh");
    expect(await later).toBe("fresh");
    runs[0]!.resolve("late");
    expect(await hung).toBe("late"); // its own caller still gets its answer
    clock.mockRestore();
    expect(await cached("flight:hung", ["flight:h"], load)).toBe("fresh");
    expect(runs).toHaveLength(2);
  });
});

afterEach(() => vi.restoreAllMocks());
