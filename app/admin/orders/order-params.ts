import type { inferRouterInputs } from "@trpc/server";
import { readEnum, readPage, readSort, readText } from "~/app/_components/admin/search-params";
import type { AppRouter } from "~/server/api/root";

type OrderListInput = inferRouterInputs<AppRouter>["admin"]["orders"]["list"];

export const orderStatuses = ["PENDING", "PAID", "SHIPPED", "DELIVERED", "CANCELLED"] as const;
export type OrderStatus = (typeof orderStatuses)[number];
const sorts = ["createdAt", "total", "status"] as const;

/** The order table's query from its URL: ?q=&status=&sort=&dir=&page=. */
export function orderListInput(params: URLSearchParams) {
  return {
    page: readPage(params),
    ...readSort(params, sorts, { sort: "createdAt", direction: "desc" }),
    q: readText(params, "q"),
    status: readEnum(params, "status", orderStatuses),
  } satisfies OrderListInput;
}
