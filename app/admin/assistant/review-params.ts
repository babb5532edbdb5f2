import { readEnum } from "~/app/_components/admin/search-params";
import { ASSISTANT_REVIEW_FILTERS } from "~/server/chat/assistant-feedback.schemas";

export const ASSISTANT_REVIEW_PAGE_SIZE = 20;

/** The review list's query from its URL: ?filter=refused|rated-down (none: both). */
export function assistantReviewInput(params: URLSearchParams) {
  return {
    limit: ASSISTANT_REVIEW_PAGE_SIZE,
    filter: readEnum(params, "filter", ASSISTANT_REVIEW_FILTERS) ?? "all",
  };
}
