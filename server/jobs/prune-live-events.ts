import "server-only";
import { z } from "zod";
import { db } from "../db/client";
import { pruneLiveEvents } from "../realtime/live";
import { defineJob } from "./queue";

/** Hourly: deletes live events past a day (a client away longer refetches; see ADR 029). */
export const pruneLiveEventsJob = defineJob({
  name: "live-events.prune",
  schema: z.object({}),
  schedule: "23 * * * *",
  // A missed run only leaves old rows a little longer.
  queue: { retryLimit: 1, retryDelay: 60, expireInSeconds: 300, policy: "singleton" },
  async handle(_data, { log }) {
    const pruned = await pruneLiveEvents(db);
    if (pruned) log.info({ pruned }, "old live events pruned");
  },
});
