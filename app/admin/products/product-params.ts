import type { inferRouterInputs } from "@trpc/server";
import { readDay, readFlag, readPage, readSort, readText } from "~/app/_components/admin/search-params";
import type { AppRouter } from "~/server/api/root";

export type ProductListInput = inferRouterInputs<AppRouter>["admin"]["products"]["list"];

const sorts = ["name", "category", "price", "stock", "active", "createdAt"] as const;

/**
 * The product table's query from its URL: ?q=&active=yes|no&category=<id>&from=&to=&sort=&dir=&page=.
 * Days are whole UTC days, "to" included.
 */
export function productListInput(params: URLSearchParams) {
  const from = readDay(params, "from");
  const to = readDay(params, "to");
  return {
    page: readPage(params),
    ...readSort(params, sorts, { sort: "createdAt", direction: "desc" }),
    q: readText(params, "q"),
    active: readFlag(params, "active"),
    categoryId: readText(params, "category", 40),
    createdFrom: from && `${from}T00:00:00.000Z`,
    createdTo: to && `${to}T23:59:59.999Z`,
  } satisfies ProductListInput;
}
