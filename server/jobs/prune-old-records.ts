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
  // A missed run only leaves dead rows a little longer.
  queue: { retryLimit: 1, retryDelay: 60, expireInSeconds: 300, policy: "singleton" },
  async handle(_data, { log }) {
    const { pruned, more } = await pruneOldRecords(db);
    if (more) log.info({ pruned }, "old records pruned; more are left for the next run");
    else if (Object.values(pruned).some(Boolean)) log.info({ pruned }, "old records pruned");
  },
});
