"use client";

import { LoadMore } from "~/app/_components/load-more";
import { DataTable, Th } from "~/app/_components/admin/table";
import { EmptyState, TableBody } from "~/app/_components/admin/table-state";
import { api, type RouterOutputs } from "~/app/_trpc/react";
import { FINAL_KNOWLEDGE_STATUSES, KNOWLEDGE_PAGE_SIZE } from "~/server/knowledge/knowledge.schemas";
import { DocumentRow } from "./document-row";

/** How often the list refreshes while some document is queued or indexing. */
const POLL_MS = 1500;

type KnowledgeList = RouterOutputs["knowledge"]["list"];

const isFinal = (status: string) => (FINAL_KNOWLEDGE_STATUSES as readonly string[]).includes(status);
const anyInProgress = (pages: readonly KnowledgeList[] | undefined) =>
  !!pages?.some((page) => page.items.some((document) => !isFinal(document.status)));

/** The documents, newest first; polls only while one of them is still on its way to Ready or Failed. */
export function DocumentsTable() {
  const list = api.knowledge.list.useInfiniteQuery(
    { limit: KNOWLEDGE_PAGE_SIZE },
    {
      getNextPageParam: (last) => last.nextCursor,
      refetchInterval: (query) => (anyInProgress(query.state.data?.pages) ? POLL_MS : false),
    },
  );
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
