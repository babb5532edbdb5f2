import { createOrderInput, listMyOrdersInput, orderIdInput } from "../../orders/orders.schemas";
import { createOrder, getOrderForUser, listMyOrders, transitionOrder } from "../../orders/orders.service";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const ordersRouter = createTRPCRouter({
  create: protectedProcedure
    .meta({ scope: "orders:write", rateLimit: "checkout" })
    .input(createOrderInput)
    .mutation(({ ctx, input }) => createOrder(ctx, input)),
  /** The caller's own orders, newest first. */
  list: protectedProcedure
    .meta({ scope: "orders:read" })
    .input(listMyOrdersInput)
    .query(({ ctx, input }) => listMyOrders(ctx, input)),
  byId: protectedProcedure
    .meta({ ownerScoped: "owner-or-staff", scope: "orders:read" })
    .input(orderIdInput)
    .query(({ ctx, input }) => getOrderForUser(ctx, input.orderId)),
  /** Test-mode payment: marks the caller's pending order paid. */
  pay: protectedProcedure
    .meta({ ownerScoped: "owner-only", scope: "orders:write" })
    .input(orderIdInput)
    .mutation(
      async ({ ctx, input }) =>
        (await transitionOrder(ctx, { orderId: input.orderId, to: "PAID", access: "owner-only" })).after,
    ),
  cancel: protectedProcedure
    .meta({ ownerScoped: "owner-only", scope: "orders:write" })
    .input(orderIdInput)
    .mutation(
      async ({ ctx, input }) =>
        (
          await transitionOrder(ctx, {
            orderId: input.orderId,
            to: "CANCELLED",
            access: "owner-only",
            reason: "cancelled by customer",
          })
        ).after,
    ),
});
