import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { upsertHelpCentre } from "./help-centre";

const dir = await mkdtemp(path.join(os.tmpdir(), "shopwise-help-centre-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("the shipped help centre", () => {
  it("knows an article by its file: a new title updates it, a removed file removes it", async () => {
    await writeFile(path.join(dir, "delivery.md"), "# Delivery\n\nParcels arrive in 3 days.\n");
    await writeFile(path.join(dir, "returns.md"), "# Returns\n\nReturn within 30 days.\n");
    const [delivery, returns] = await upsertHelpCentre(db, dir);
    expect(await upsertHelpCentre(db, dir)).toEqual([]); // queued already: nothing new

    await writeFile(path.join(dir, "delivery.md"), "# Delivery times\n\nParcels arrive in 2 days.\n");
    await rm(path.join(dir, "returns.md"));
    expect(await upsertHelpCentre(db, dir)).toEqual([delivery]);

    const documents = await db.knowledgeDocument.findMany({ where: { origin: "help-centre" } });
    expect(documents.map((d) => [d.id, d.title, d.status])).toEqual([[delivery, "Delivery times", "PENDING"]]);
    expect(await db.knowledgeDocument.count({ where: { id: returns } })).toBe(0);
  });
});
