import { createServer } from "node:net";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, startEmbeddedPostgres } from "./embedded-postgres";

const dir = await mkdtemp(path.join(os.tmpdir(), "shopwise-embedded-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

const query = async (url: string, sql: string) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
};

describe("embedded PostgreSQL", () => {
  it("keeps data across a stop and a start, and moves off a taken port", async () => {
    const blocker = createServer().listen(await freePort(), "127.0.0.1");
    await new Promise((r) => blocker.once("listening", r));
    const taken = (blocker.address() as { port: number }).port;

    const first = await startEmbeddedPostgres({
      dataDir: dir,
      database: "keep",
      persistent: true,
      preferredPort: taken,
    });
    expect(first.port).not.toBe(taken);
    await query(first.url, "CREATE TABLE note (body text); INSERT INTO note VALUES ('still here')");
    await first.stop();

    const second = await startEmbeddedPostgres({ dataDir: dir, database: "keep", persistent: true });
    expect(await query(second.url, "SELECT body FROM note")).toEqual([{ body: "still here" }]);
    expect(new URL(second.url).hostname).toBe("127.0.0.1");
    await second.stop();
    blocker.close();
  }, 60_000);
});
