import {
  createOrderInput,
  listMyOrdersInput,
  orderIdInput,
  orderListOutput,
  orderViewOutput,
} from "../../orders/orders.schemas";
import { createOrder, getOrderForUser, listMyOrders, transitionOrder, watchOrder } from "../../orders/orders.service";
import { liveInputShape } from "../../realtime/live";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const ordersRouter = createTRPCRouter({
  create: protectedProcedure
    .meta({
      scope: "orders:write",
      rateLimit: "checkout",
      openapi: {
        method: "POST",
        path: "/orders",
        tags: ["Orders"],
        summary: "Place an order (checkout)",
        protect: true,
      },
    })
    .input(createOrderInput)
    .output(orderViewOutput)
    .mutation(({ ctx, input }) => createOrder(ctx, input)),
  /** The caller's own orders, newest first. */
  list: protectedProcedure
    .meta({
      scope: "orders:read",
      openapi: {
        method: "GET",
        path: "/orders",
        tags: ["Orders"],
        summary: "The caller's orders, newest first",
        protect: true,
      },
    })
    .input(listMyOrdersInput)
    .output(orderListOutput)
    .query(({ ctx, input }) => listMyOrders(ctx, input)),
  byId: protectedProcedure
    .meta({
      ownerScoped: "owner-or-staff",
      scope: "orders:read",
      openapi: {
        method: "GET",
        path: "/orders/{orderId}",
        tags: ["Orders"],
        summary: "One of the caller's orders",
        protect: true,
      },
    })
    .input(orderIdInput)
    .output(orderViewOutput)
    .query(({ ctx, input }) => getOrderForUser(ctx, input.orderId)),
  /** The order's status as staff move it along (server-sent events, resumable). */
  live: protectedProcedure
    .meta({ ownerScoped: "owner-or-staff", scope: "orders:read" })
    .input(orderIdInput.extend(liveInputShape))
    .subscription(({ ctx, input, signal }) =>
      watchOrder(ctx, input.orderId, { lastEventId: input.lastEventId, signal }),
    ),
  /** Test-mode payment: marks the caller's pending order paid. */
  pay: protectedProcedure
    .meta({
      ownerScoped: "owner-only",
      scope: "orders:write",
      openapi: {
        method: "POST",
        path: "/orders/{orderId}/pay",
        tags: ["Orders"],
        summary: "Pay a pending order (test mode)",
        protect: true,
      },
    })
    .input(orderIdInput)
    .output(orderViewOutput)
    .mutation(
      async ({ ctx, input }) =>
        (await transitionOrder(ctx, { orderId: input.orderId, to: "PAID", access: "owner-only" })).after,
    ),
  cancel: protectedProcedure
    .meta({
      ownerScoped: "owner-only",
      scope: "orders:write",
      openapi: {
        method: "POST",
        path: "/orders/{orderId}/cancel",
        tags: ["Orders"],
        summary: "Cancel a pending or paid order",
        protect: true,
      },
    })
    .input(orderIdInput)
    .output(orderViewOutput)
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
