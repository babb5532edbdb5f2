import type { inferRouterInputs } from "@trpc/server";
import { readEnum, readPage, readSort, readText } from "~/app/_components/admin/search-params";
import type { AppRouter } from "~/server/api/root";

type UserListInput = inferRouterInputs<AppRouter>["admin"]["users"]["list"];

export const roles = ["CUSTOMER", "STAFF", "ADMIN"] as const;
export type Role = (typeof roles)[number];
const sorts = ["createdAt", "email", "name", "role"] as const;

/** The user table's query from its URL: ?q=&role=&sort=&dir=&page=. */
export function userListInput(params: URLSearchParams) {
  return {
    page: readPage(params),
    ...readSort(params, sorts, { sort: "createdAt", direction: "desc" }),
    q: readText(params, "q"),
    role: readEnum(params, "role", roles),
  } satisfies UserListInput;
}
