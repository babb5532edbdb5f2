import type { Route } from "next";
import { passageAnchor } from "~/server/knowledge/knowledge.schemas";

/** Where a citation of passage `position` of a knowledge document opens: the viewer, scrolled to it. */
export function passageHref(documentId: string, position: number): Route {
  return `/help/${encodeURIComponent(documentId)}#${passageAnchor(position)}` as Route;
}
