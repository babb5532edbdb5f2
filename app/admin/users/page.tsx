import type { Metadata } from "next";
import { PageHeader } from "~/app/_components/admin/page-header";
import { toSearchParams, withQuery, type SearchParamsRecord } from "~/app/_components/admin/search-params";
import { api, HydrateClient } from "~/app/_trpc/server";
import { requireRolePage } from "../_lib/guard";
import { userListInput } from "./user-params";
import { UsersTable } from "./users-table";

export const metadata: Metadata = { title: "Users" };

/** ADMIN only: staff get the same 404 as anyone else. */
export default async function AdminUsersPage({ searchParams }: { searchParams: Promise<SearchParamsRecord> }) {
  const record = await searchParams;
  const admin = await requireRolePage("ADMIN", withQuery("/admin/users", record));
  void api.admin.users.list.prefetch(userListInput(toSearchParams(record)));

  return (
    <>
      <PageHeader
        title="Users"
        description="Everyone with an account. A role change takes effect on their next request; disabling an account signs it out everywhere at once."
      />
      <HydrateClient>
        <UsersTable currentUserId={admin.id} />
      </HydrateClient>
    </>
  );
}
