import "server-only";
import { hasRole, type Role } from "../auth/roles";

/**
 * Who may receive which order's events. One rule, used where events are emitted, at every
 * delivery attempt and at resend: an endpoint carries its owner's own orders; it carries other
 * customers' orders only when it was created (or updated) by a staff caller to receive all orders
 * AND its owner is still staff. A disabled owner receives nothing. Re-checked at delivery because
 * a retry series lasts hours and the owner's role or account can change in between.
 */

export interface EndpointAccess {
  userId: string;
  receivesAllOrders: boolean;
  user: { role: Role; disabledAt: Date | null };
}

/** Roles whose all-orders endpoints may receive every order's events. */
export const ALL_ORDERS_ROLES = ["STAFF", "ADMIN"] as const satisfies Role[];

/** Whether `endpoint` may carry an event about an order of `orderOwnerId`. */
export function mayReceiveOrder(endpoint: EndpointAccess, orderOwnerId: string) {
  if (endpoint.user.disabledAt) return false;
  return endpoint.userId === orderOwnerId || (endpoint.receivesAllOrders && hasRole(endpoint.user, "STAFF"));
}

/** The owner of the order a stored event payload is about; null for events without an order (ping). */
function orderOwnerOf(payload: unknown): string | null | undefined {
  const order = (payload as { data?: { order?: { userId?: unknown } } } | null)?.data?.order;
  if (order === undefined) return null;
  return typeof order?.userId === "string" ? order.userId : undefined;
}

/**
 * Why `endpoint` may no longer be sent this stored event, or null when it may (the reason goes
 * into the delivery's lastError and the resend refusal).
 */
export function deliveryRefusal(endpoint: EndpointAccess, payload: unknown): string | null {
  if (endpoint.user.disabledAt) return "the endpoint's owner account is disabled";
  const owner = orderOwnerOf(payload);
  if (owner === null) return null;
  if (owner === undefined) return "the event names no order owner";
  if (mayReceiveOrder(endpoint, owner)) return null;
  return endpoint.receivesAllOrders
    ? "the endpoint's owner is no longer staff, so it no longer receives other customers' orders"
    : "this endpoint may only receive its owner's own orders";
}

/** What to select of an endpoint for these checks. */
export const endpointAccessSelect = {
  userId: true,
  receivesAllOrders: true,
  user: { select: { role: true, disabledAt: true } },
} as const;
