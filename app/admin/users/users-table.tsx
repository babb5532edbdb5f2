"use client";

import { keepPreviousData } from "@tanstack/react-query";
import { ClearFilters, FilterBar, SearchBox, SelectFilter } from "~/app/_components/admin/filter-bar";
import { formatCount, formatDay, titleCase } from "~/app/_components/admin/format";
import { Pagination } from "~/app/_components/admin/pagination";
import { SortableHeader } from "~/app/_components/admin/sortable-header";
import { DataTable, Td, Th, Tr } from "~/app/_components/admin/table";
import { EmptyState, TableBody } from "~/app/_components/admin/table-state";
import { useSearchState } from "~/app/_components/admin/use-search-state";
import { api } from "~/app/_trpc/react";
import { AccessCell } from "./access-cell";
import { RoleCell } from "./role-cell";
import { roles, userListInput } from "./user-params";

const roleOptions = [
  { value: "", label: "All roles" },
  ...roles.map((role) => ({ value: role, label: titleCase(role) })),
];

export function UsersTable({ currentUserId }: { currentUserId: string }) {
  const [params, update] = useSearchState();
  const input = userListInput(params);
  const list = api.admin.users.list.useQuery(input, { placeholderData: keepPreviousData });
  const filtered = params.has("q") || params.has("role");

  const sort = { sort: input.sort, direction: input.direction };
  const header = (column: typeof input.sort, label: string) => (
    <SortableHeader
      column={column}
      label={label}
      sort={sort}
      onSort={(next) => update({ sort: next.sort, dir: next.direction })}
      firstDirection={column === "createdAt" ? "desc" : "asc"}
    />
  );

  return (
    <div className="grid gap-4">
      <FilterBar label="Filter users">
        <SearchBox
          label="Search users"
          placeholder="Email or name"
          value={params.get("q") ?? ""}
          onSearch={(q) => update({ q }, { replace: true })}
        />
        <SelectFilter
          label="Role"
          value={params.get("role") ?? ""}
          options={roleOptions}
          onChange={(role) => update({ role })}
        />
        {filtered && <ClearFilters onClear={() => update({ q: null, role: null })} />}
      </FilterBar>

      <DataTable caption="Users" busy={list.isPlaceholderData}>
        <thead>
          <tr>
            {header("email", "Email")}
            {header("name", "Name")}
            {header("role", "Role")}
            <Th>Access</Th>
            {header("createdAt", "Joined")}
            <Th className="text-right">Orders</Th>
          </tr>
        </thead>
        <TableBody
          query={list}
          columns={6}
          empty={<EmptyState title="No users match">Check the spelling, or clear the filters.</EmptyState>}
        >
          {(items) =>
            items.map((user) => (
              <Tr key={user.id}>
                <Td className="max-w-64 truncate font-medium">{user.email}</Td>
                <Td className="max-w-48 truncate">
                  {user.name ?? <span className="text-muted-foreground">Not set</span>}
                </Td>
                <Td>
                  <RoleCell user={user} isSelf={user.id === currentUserId} />
                </Td>
                <Td>
                  <AccessCell user={user} isSelf={user.id === currentUserId} />
                </Td>
                <Td className="whitespace-nowrap text-muted-foreground">
                  <time dateTime={user.createdAt.toISOString()}>{formatDay(user.createdAt)}</time>
                </Td>
                <Td className="text-right tabular-nums">{formatCount(user._count.orders)}</Td>
              </Tr>
            ))
          }
        </TableBody>
      </DataTable>
      {list.data && <Pagination {...list.data} noun="users" onPage={(page) => update({ page })} />}
    </div>
  );
}
