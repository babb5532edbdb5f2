"use client";

import { LoadMore } from "~/app/_components/load-more";
import { DataTable, Th } from "~/app/_components/admin/table";
import { EmptyState, TableBody } from "~/app/_components/admin/table-state";
import { api } from "~/app/_trpc/react";
import { useCoalesced } from "~/app/_trpc/use-coalesced";
import { KNOWLEDGE_PAGE_SIZE } from "~/server/knowledge/knowledge.schemas";
import { DocumentRow } from "./document-row";

/** A burst of progress events refreshes the list at most this often. */
const REFRESH_MS = 1000;

/** The documents, newest first, kept live: each indexing step arrives over a subscription. */
export function DocumentsTable() {
  const list = api.knowledge.list.useInfiniteQuery(
    { limit: KNOWLEDGE_PAGE_SIZE },
    { getNextPageParam: (last) => last.nextCursor },
  );
  const utils = api.useUtils();
  const refresh = useCoalesced(() => void utils.knowledge.list.invalidate(), REFRESH_MS);
  api.knowledge.live.useSubscription(undefined, {
    onStarted: refresh,
    onData: ({ data }) => {
      if (!("data" in data)) return refresh();
      const { documentId, status, progress } = data.data;
      // A step's percentage shows at once; whatever else changed (stage, passages) comes with the refetch.
      utils.knowledge.list.setInfiniteData(
        { limit: KNOWLEDGE_PAGE_SIZE },
        (current) =>
          current && {
            ...current,
            pages: current.pages.map((page) => ({
              ...page,
              items: page.items.map((d) =>
                d.id === documentId && status === "INDEXING" ? { ...d, status: "INDEXING" as const, progress } : d,
              ),
            })),
          },
      );
      refresh();
    },
  });
  const items = list.data?.pages.flatMap((page) => page.items);

  return (
    <div className="grid gap-4">
      <DataTable caption="Knowledge base documents">
        <thead>
          <tr>
            <Th>Title</Th>
            <Th>Origin</Th>
            <Th>Type</Th>
            <Th className="text-right">Size</Th>
            <Th>Status</Th>
            <Th className="text-right">Passages</Th>
            <Th>Indexed</Th>
            <Th>Actions</Th>
          </tr>
        </thead>
        <TableBody
          query={{ ...list, data: items && { items } }}
          columns={8}
          empty={
            <EmptyState title="No documents yet">
              Upload a Markdown, text, HTML or PDF file above; the assistant answers from what is indexed here.
            </EmptyState>
          }
        >
          {(documents) => documents.map((document) => <DocumentRow key={document.id} document={document} />)}
        </TableBody>
      </DataTable>
      <LoadMore pages={list} />
    </div>
  );
}
