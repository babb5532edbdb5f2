import "server-only";
import { z } from "zod";
import { db } from "../db/client";
import { pruneOldRecords } from "../retention";
import { defineJob } from "./queue";

/** Hourly: deletes records past their retention (server/retention.ts), so no table grows for ever. */
export const pruneOldRecordsJob = defineJob({
  name: "records.prune",
  schema: z.object({}),
  schedule: "41 * * * *",
  // A missed run only leaves dead rows a little longer; hourly keeps each run's delete small.
  queue: { retryLimit: 1, retryDelay: 60, expireInSeconds: 300, policy: "singleton" },
  async handle(_data, { log }) {
    const pruned = await pruneOldRecords(db);
    if (Object.values(pruned).some(Boolean)) log.info({ pruned }, "old records pruned");
  },
});
