import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CATEGORY_SPECS } from "../../catalog/catalog-seed-data";
import { generateProducts } from "../../catalog/catalog-seed";
import { HELP_CENTRE_DIR } from "../../knowledge/help-centre";
import { containsFact, normalisePassage } from "./metrics";
import { CATEGORIES, loadQuestions } from "./questions";

describe("the evaluation's question set", async () => {
  const questions = await loadQuestions();
  const byCategory = (category: string) => questions.filter((q) => q.category === category);

  it("has the mix the evaluation reports on", () => {
    expect(questions.length).toBeGreaterThanOrEqual(240);
    expect(byCategory("policy").length + byCategory("casual").length).toBeGreaterThanOrEqual(110);
    expect(byCategory("multi-part").length).toBeGreaterThanOrEqual(20);
    expect(byCategory("follow-up").length).toBeGreaterThanOrEqual(20);
    expect(byCategory("product").length).toBeGreaterThanOrEqual(25);
    expect(byCategory("tools").length).toBeGreaterThanOrEqual(10);
    expect(byCategory("unanswerable").length).toBeGreaterThanOrEqual(35);
    expect(byCategory("non-english").length).toBeGreaterThanOrEqual(12);
    expect(byCategory("follow-up").every((q) => q.history?.length)).toBe(true);
    expect(byCategory("multi-part").every((q) => (q.facts?.length ?? 0) >= 2)).toBe(true);
  });

  it.each(CATEGORIES)("holds out about 40 %% of the %s questions", (category) => {
    const all = byCategory(category);
    const share = all.filter((q) => q.split === "held-out").length / all.length;
    expect(share).toBeGreaterThanOrEqual(0.35);
    expect(share).toBeLessThanOrEqual(0.45);
  });

  it("points every passage at a snippet of its article, which holds the expected facts", async () => {
    const articles = new Map<string, string>();
    for (const q of questions.filter((q) => q.passage)) {
      const name = q.passage!.document;
      if (!articles.has(name)) articles.set(name, await readFile(path.join(HELP_CENTRE_DIR, `${name}.md`), "utf8"));
      const article = articles.get(name)!;
      expect(normalisePassage(article), q.id).toContain(normalisePassage(q.passage!.contains));
      for (const fact of q.facts ?? []) expect(containsFact(article, fact), `${q.id} ${String(fact)}`).toBe(true);
    }
    expect(articles.size).toBe(8);
  });

  it("asks about products of the demo catalog that every new install has (seed 42, 2,000 products)", () => {
    const categories = CATEGORY_SPECS.map((c) => ({ id: c.slug, slug: c.slug }));
    const active = new Map(
      generateProducts(42, 2_000, categories)
        .filter((p) => p.active)
        .map((p) => [p.slug, p]),
    );
    for (const q of byCategory("product")) {
      const product = active.get(q.product!.slug);
      expect(product, q.id).toBeDefined();
      for (const fact of q.facts ?? []) expect(containsFact(product!.description, fact), q.id).toBe(true);
    }
  });

  it("expects refusals only where the help centre and catalog have no answer", () => {
    for (const q of questions) {
      const refuses = q.category === "unanswerable" || q.category === "non-english";
      expect(q.expect === "answer", q.id).toBe(!refuses);
      if (refuses) expect(q.facts, q.id).toBeUndefined();
    }
  });
});
