import "server-only";
import { z } from "zod";
import { db } from "../db/client";
import { pruneIdempotencyRecords } from "../idempotency";
import { defineJob } from "./queue";

/** Hourly: deletes idempotency records past their 24 h (claims already treat them as absent). */
export const pruneIdempotencyRecordsJob = defineJob({
  name: "idempotency.prune",
  schema: z.object({}),
  schedule: "17 * * * *",
  // A missed run only leaves dead rows a little longer.
  queue: { retryLimit: 1, retryDelay: 60, expireInSeconds: 300, policy: "singleton" },
  async handle(_data, { log }) {
    const pruned = await pruneIdempotencyRecords(db);
    if (pruned) log.info({ pruned }, "expired idempotency records pruned");
  },
});
