import { describe, expect, it } from "vitest";
import { z } from "zod";
import { answerJson, cachedOutput } from "./cached-output";

describe("cachedOutput", () => {
  let checks = 0;
  const schema = z.object({ name: z.string(), price: z.number() }).refine(() => ++checks > 0, { error: "never" });
  const output = cachedOutput(schema);

  it("checks a value twice, then never again while it lives, and answers what the schema answers", async () => {
    checks = 0;
    const cachedValue = { name: "Kettle", price: 30, extra: "stripped" };
    const first = await output.parseAsync(cachedValue);
    const later = await Promise.all([1, 2, 3].map(() => output.parseAsync(cachedValue)));
    expect(checks).toBe(2);
    expect(first).toEqual({ name: "Kettle", price: 30 });
    expect(later[0]).toEqual(first);
    expect(new Set(later).size).toBe(1);
  });

  it("checks every other value as usual, and keeps refusing one that fails", async () => {
    checks = 0;
    await output.parseAsync({ name: "Lamp", price: 12 });
    await output.parseAsync({ name: "Lamp", price: 12 });
    expect(checks).toBe(2); // equal, not the same object
    const bad = { name: "Lamp", price: "12" };
    await expect(output.parseAsync(bad)).rejects.toThrow(/expected number/);
    await expect(output.parseAsync(bad)).rejects.toThrow(/expected number/);
    await expect(output.parseAsync(null)).rejects.toThrow(/expected object/);
  });

  it("leaves the schema it was given as it was", async () => {
    checks = 0;
    const value = { name: "Mug", price: 8 };
    await schema.parseAsync(value);
    await schema.parseAsync(value);
    expect(checks).toBe(2);
  });

  it("writes the JSON of an answer it remembered once, and of anything else every time", async () => {
    const cachedValue = { name: "Tent", price: 90 };
    const firstAnswer = await output.parseAsync(cachedValue);
    const remembered = await output.parseAsync(cachedValue);
    let writes = 0;
    const write = () => String(++writes);
    expect([answerJson(remembered, write), answerJson(remembered, write)]).toEqual(["1", "1"]);
    expect([answerJson(firstAnswer, write), answerJson(null, write)]).toEqual(["2", "3"]);
    const fresh = { name: "Tent", price: 90 };
    expect([answerJson(fresh, write), answerJson(fresh, write)]).toEqual(["4", "5"]);
  });
});
