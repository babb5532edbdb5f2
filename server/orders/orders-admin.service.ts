import "server-only";
import { type LiveOptions, streamLive } from "../realtime/live";
import { ADMIN_PAGE_SIZE, pageOf } from "../admin/admin.schemas";
import { recordAudit } from "../admin/audit";
import type { Prisma } from "../db/client";
import type { UserCtx } from "../users/users.service";
import { ORDER_TRANSITIONS } from "./order-lifecycle";
import type { OrderStatus } from "./orders.schemas";
import { orderSelect } from "./orders.schemas";
import { toOrderView, transitionOrder } from "./orders.service";

export interface AdminListOrdersInput {
  page: number;
  sort: "createdAt" | "total" | "status";
  direction: "asc" | "desc";
  q?: string;
  status?: OrderStatus;
}

/** Every customer's orders (staff): filter by status, search by order id or customer email. */
export async function adminListOrders(ctx: UserCtx, input: AdminListOrdersInput) {
  const where: Prisma.OrderWhereInput = {
    ...(input.status && { status: input.status }),
    ...(input.q && {
      OR: [
        { id: input.q },
        { id: { endsWith: input.q.toLowerCase() } },
        { user: { email: { contains: input.q.toLowerCase() } } },
      ],
    }),
  };
  const [rows, total] = await ctx.db.$transaction([
    ctx.db.order.findMany({
      where,
      orderBy: [{ [input.sort]: input.direction }, { id: "asc" }],
      skip: (input.page - 1) * ADMIN_PAGE_SIZE,
      take: ADMIN_PAGE_SIZE,
      select: { ...orderSelect, user: { select: { email: true, name: true } } },
    }),
    ctx.db.order.count({ where }),
  ]);
  return pageOf(
    rows.map(({ user, ...order }) => ({
      ...toOrderView(order),
      customer: user,
      itemCount: order.items.reduce((sum, item) => sum + item.quantity, 0),
      /** The statuses staff may move it to next. */
      nextStatuses: ORDER_TRANSITIONS[order.status],
    })),
    total,
    input.page,
  );
}

/** Staff move an order along its lifecycle; the change and the stock it returns are audited. */
export async function setOrderStatus(ctx: UserCtx, input: { orderId: string; status: OrderStatus }) {
  const { after } = await transitionOrder(
    ctx,
    { orderId: input.orderId, to: input.status, access: "owner-or-staff", reason: "cancelled by staff" },
    (tx, { before, after }) =>
      recordAudit(tx, ctx, [
        {
          action: "order.status",
          entity: "Order",
          entityId: input.orderId,
          before: { status: before.status },
          after: { status: after.status },
        },
      ]),
  );
  return after;
}

/** New orders as shoppers place them: the back office's notifications. */
export function watchNewOrders(ctx: UserCtx, live: LiveOptions) {
  return streamLive([{ topic: "orders.new", key: "" }], { ...live, db: ctx.db });
}
