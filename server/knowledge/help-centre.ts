import "server-only";
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Db } from "../db/client";
import { getLogger } from "../observability/logger";
import { HELP_CENTRE_ORIGIN, STALE_INDEXING_MS } from "./knowledge.schemas";

// Read at start-up by server/boot.ts (and by benches, the evaluation and tests), never by a Next
// route: kept out of ingestion.service.ts, which routes import, so `next build` does not see a
// computed file path and trace the whole project into the server output.
export const HELP_CENTRE_DIR = path.join(process.cwd(), "server/knowledge/corpus");

/**
 * The seeded help centre as documents, one per Markdown file, known by its file name (a title
 * may be edited); articles whose file is gone are removed with their passages. Returns the ids
 * whose text is new or changed (or whose indexing failed), which need indexing.
 */
export async function upsertHelpCentre(db: Db, dir = HELP_CENTRE_DIR): Promise<string[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith(".md")).sort();
  const changed: string[] = [];
  for (const file of files) {
    const content = await readFile(path.join(dir, file), "utf8");
    const sha256 = createHash("sha256").update(content).digest("hex");
    const title = /^#\s+(.+)$/m.exec(content)?.[1]?.trim() ?? file.replace(/\.md$/, "");
    const existing = await db.knowledgeDocument.findUnique({ where: { sourceKey: file } });
    // Unchanged and indexed, or queued recently: nothing to do. A failed one is tried again, and
    // so is one queued long ago (a start that stopped between saving it and queueing its job).
    const queuedLongAgo = existing && existing.updatedAt.getTime() < Date.now() - STALE_INDEXING_MS;
    if (
      existing?.sha256 === sha256 &&
      (existing.status === "READY" || (existing.status !== "FAILED" && !queuedLongAgo))
    )
      continue;
    const data = { title, origin: HELP_CENTRE_ORIGIN, mimeType: "text/markdown", content, sha256 };
    const doc = await db.knowledgeDocument.upsert({
      where: { sourceKey: file },
      create: { ...data, sourceKey: file, sizeBytes: Buffer.byteLength(content) },
      update: { ...data, sizeBytes: Buffer.byteLength(content), status: "PENDING", progress: 0 },
    });
    changed.push(doc.id);
  }
  const removed = await db.knowledgeDocument.deleteMany({
    where: { origin: HELP_CENTRE_ORIGIN, OR: [{ sourceKey: null }, { sourceKey: { notIn: files } }] },
  });
  if (removed.count) getLogger().info({ documents: removed.count }, "help-centre articles without a file removed");
  return changed;
}
