import type { inferRouterInputs } from "@trpc/server";
import { readFlag, readPage, readSort, readText } from "~/app/_components/admin/search-params";
import type { AppRouter } from "~/server/api/root";

type ReviewListInput = inferRouterInputs<AppRouter>["admin"]["reviews"]["list"];
const sorts = ["createdAt", "rating", "sentiment"] as const;

/** The review table's query from its URL: ?q=&hidden=yes|no&sort=&dir=&page=. */
export function reviewListInput(params: URLSearchParams) {
  return {
    page: readPage(params),
    ...readSort(params, sorts, { sort: "createdAt", direction: "desc" }),
    q: readText(params, "q"),
    hidden: readFlag(params, "hidden"),
  } satisfies ReviewListInput;
}
