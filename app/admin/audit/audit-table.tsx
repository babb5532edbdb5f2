"use client";

import { keepPreviousData } from "@tanstack/react-query";
import { X } from "lucide-react";
import type { Route } from "next";
import Link from "next/link";
import { ClearFilters, FilterBar, SelectFilter } from "~/app/_components/admin/filter-bar";
import { formatMoment } from "~/app/_components/admin/format";
import { Pagination } from "~/app/_components/admin/pagination";
import { DataTable, Td, Th, Tr } from "~/app/_components/admin/table";
import { EmptyState, TableBody } from "~/app/_components/admin/table-state";
import { useSearchState } from "~/app/_components/admin/use-search-state";
import { Button } from "~/app/_components/ui/button";
import { api, type RouterOutputs } from "~/app/_trpc/react";
import { AuditDiff } from "./audit-diff";
import { auditEntities, auditListInput } from "./audit-params";

type AuditEntry = RouterOutputs["admin"]["audit"]["list"]["items"][number];

const entityOptions = [{ value: "", label: "Everything" }, ...auditEntities.map((e) => ({ value: e, label: e }))];

/** Where a row can be seen in the back office, for the entities whose table can find it by ID. */
const entityLinks: Partial<Record<string, (id: string) => string>> = {
  Product: (id) => `/admin/products?q=${encodeURIComponent(id)}`,
  Order: (id) => `/admin/orders?q=${encodeURIComponent(id)}`,
  Queue: (name) => `/admin/jobs/${encodeURIComponent(name)}`,
  JobSchedule: () => "/admin/jobs",
};

export function AuditTable() {
  const [params, update] = useSearchState();
  const input = auditListInput(params);
  const list = api.admin.audit.list.useQuery(input, { placeholderData: keepPreviousData });
  const filtered = params.has("entity") || params.has("entityId") || params.has("correlationId");

  return (
    <div className="grid gap-4">
      <FilterBar label="Filter the audit log">
        <SelectFilter
          label="Entity"
          value={params.get("entity") ?? ""}
          options={entityOptions}
          onChange={(entity) => update({ entity, entityId: null })}
        />
        {input.entityId && (
          <p className="flex h-11 items-center gap-2 rounded-md border bg-muted px-3 text-sm sm:h-10">
            Only <code className="font-mono text-xs">{input.entityId}</code>
            <Button
              variant="ghost"
              size="icon"
              className="size-7"
              aria-label="Show every row"
              onClick={() => update({ entityId: null })}
            >
              <X aria-hidden />
            </Button>
          </p>
        )}
        {input.correlationId && (
          <p className="flex h-11 items-center gap-2 rounded-md border bg-muted px-3 text-sm sm:h-10">
            Request <code className="font-mono text-xs">{input.correlationId}</code>
            <Button
              variant="ghost"
              size="icon"
              className="size-7"
              aria-label="Show every request"
              onClick={() => update({ correlationId: null })}
            >
              <X aria-hidden />
            </Button>
          </p>
        )}
        {filtered && <ClearFilters onClear={() => update({ entity: null, entityId: null, correlationId: null })} />}
      </FilterBar>

      <DataTable caption="Audit log, newest first" busy={list.isPlaceholderData}>
        <thead>
          <tr>
            <Th>When</Th>
            <Th>Who</Th>
            <Th>Action</Th>
            <Th>Entity</Th>
            <Th>Change</Th>
          </tr>
        </thead>
        <TableBody
          query={list}
          columns={5}
          empty={
            <EmptyState title={filtered ? "Nothing recorded for this filter" : "Nothing recorded yet"}>
              Every change made in the back office is listed here, with who made it and what it changed.
            </EmptyState>
          }
        >
          {(items) =>
            items.map((entry) => (
              <AuditRow
                key={entry.id}
                entry={entry}
                onHistory={() => update({ entity: entry.entity, entityId: entry.entityId })}
              />
            ))
          }
        </TableBody>
      </DataTable>
      {list.data && <Pagination {...list.data} noun="entries" onPage={(page) => update({ page })} />}
    </div>
  );
}

function AuditRow({ entry, onHistory }: { entry: AuditEntry; onHistory: () => void }) {
  const link = entityLinks[entry.entity]?.(entry.entityId);
  return (
    <Tr className="align-top">
      <Td className="whitespace-nowrap text-muted-foreground">
        <time dateTime={entry.createdAt.toISOString()}>{formatMoment(entry.createdAt)}</time>
      </Td>
      <Td className="max-w-48">
        {entry.actor ? (
          <>
            <p className="truncate">{entry.actor.name ?? entry.actor.email}</p>
            {entry.actor.name && <p className="truncate text-xs text-muted-foreground">{entry.actor.email}</p>}
          </>
        ) : (
          <span className="text-muted-foreground">A deleted user</span>
        )}
      </Td>
      <Td>
        <code className="font-mono text-xs whitespace-nowrap">{entry.action}</code>
      </Td>
      <Td className="whitespace-nowrap">
        <p>{entry.entity}</p>
        <p className="flex items-center gap-2 text-xs">
          {link ? (
            <Link
              href={link as Route}
              className="font-mono text-primary underline-offset-4 hover:underline"
              title={entry.entityId}
            >
              {entry.entityId}
            </Link>
          ) : (
            <code className="font-mono text-muted-foreground">{entry.entityId}</code>
          )}
        </p>
        <button
          type="button"
          onClick={onHistory}
          className="text-xs text-muted-foreground underline-offset-4 hover:underline"
        >
          History of this {entry.entity.toLowerCase()}
        </button>
      </Td>
      <Td className="min-w-64">
        <AuditDiff before={entry.before} after={entry.after} />
      </Td>
    </Tr>
  );
}
