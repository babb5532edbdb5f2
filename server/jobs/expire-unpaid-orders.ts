import "server-only";
import { z } from "zod";
import { db } from "../db/client";
import { expireUnpaidOrders } from "../orders/orders.service";
import { defineJob } from "./queue";

/** Every minute: cancels unpaid orders past ORDER_PAYMENT_TIMEOUT_MINUTES, returning their stock. */
export const expireUnpaidOrdersJob = defineJob({
  name: "orders.expire-unpaid",
  schema: z.object({}),
  schedule: "* * * * *",
  // A missed run is harmless: the next one picks up every order that is due.
  queue: { retryLimit: 1, retryDelay: 30, expireInSeconds: 300, policy: "singleton" },
  async handle(_data, { log }) {
    await expireUnpaidOrders({ db, log });
  },
});
