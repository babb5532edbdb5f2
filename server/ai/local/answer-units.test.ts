import { describe, expect, it } from "vitest";
import { LANGUAGE_NOTICE, NO_ANSWER } from "../prompts/refusal";
import { formatSources, type PromptSource } from "../prompts/sources";
import { selectUnits } from "./answer-selection";
import { unitsOf } from "./answer-units";
import { extractAnswer } from "./extractive-model";
import { isUnservedLanguage } from "./language";
import { analyseQuestions, isFollowUp } from "./terms";

const shipping: PromptSource = {
  n: 1,
  title: "Shipping and Delivery › Delivery options",
  text: [
    "We offer three delivery speeds within the United States.",
    "| Option   | Delivery time                    | Cost   |\n| -------- | -------------------------------- | ------ |\n| Standard | 3–5 business days after dispatch | $4.99  |\n| Express  | 1–2 business days after dispatch | $12.99 |",
    "If nobody is home to sign for the parcel, the carrier will:",
    "1. leave a notice card;\n2. try again on the next business day;\n3. hold the parcel at a pickup point for 7 days.",
  ].join("\n\n"),
};
const intro: PromptSource = {
  n: 2,
  title: "Returns",
  text: "This page explains how returns work.\n\nYou can return most items within **30 days** of delivery.",
};

const ask = (questions: string[], sources: PromptSource[]) =>
  extractAnswer(
    [
      { role: "system", content: formatSources(sources) },
      ...questions.map((q) => ({ role: "user" as const, content: [{ type: "text" as const, text: q }] })),
    ],
    { maxUnits: 3, minCoverage: 0.5 },
  );

describe("answer units", () => {
  it("turn table rows into labelled facts, keep lists with their header, and flag the page's introduction", () => {
    const units = unitsOf(shipping, 0).map((u) => u.text);
    expect(units).toContain("Option: Standard; Delivery time: 3–5 business days after dispatch; Cost: $4.99.");
    expect(units).not.toContain("If nobody is home to sign for the parcel, the carrier will:");
    expect(units.find((u) => u.startsWith("If nobody is home"))).toMatch(/will: leave a notice card; try again/);
    const returns = unitsOf(intro, 1);
    expect(returns.find((u) => u.text.startsWith("This page"))?.preamble).toBe(true);
    expect(returns.find((u) => u.text.startsWith("You can return"))).toMatchObject({
      text: "You can return most items within 30 days of delivery.",
      preamble: false,
    });
  });

  it("put a product's price and stock line first", () => {
    const product = {
      n: 3,
      kind: "product" as const,
      title: "Trail Lantern",
      text: "Trail Lantern costs $34.50 and is in stock.\n\nA bright lantern.",
    };
    expect(unitsOf(product, 0)[0]).toMatchObject({
      text: "Trail Lantern costs $34.50 and is in stock.",
      productSummary: true,
    });
    expect(ask(["how bright is the trail lantern"], [product])).toBe(
      "Trail Lantern costs $34.50 and is in stock. [3] A bright lantern. [3]",
    );
  });
});

describe("the extractive answer", () => {
  it("quotes the table row that answers, and the list under its header", () => {
    expect(ask(["How much is express delivery?"], [shipping, intro])).toMatch(/^Option: Express; .*\$12\.99\. \[1\]/);
    expect(ask(["what happens if nobody is home for the parcel?"], [shipping])).toMatch(
      /carrier will: leave a notice card/,
    );
  });

  it("answers a follow-up with the turn before it, and refuses what the sources do not cover", () => {
    expect(isFollowUp("and how long does it take?")).toBe(true);
    expect(isFollowUp("How long does standard delivery take?")).toBe(false);
    expect(ask(["How much is express delivery?", "and how long does it take?"], [shipping])).toContain(
      "1–2 business days",
    );
    expect(ask(["What's the weather in Paris tomorrow?"], [shipping, intro])).toBe(NO_ANSWER);
  });

  it("says which language it answers in for questions in another", () => {
    expect(isUnservedLanguage("배송은 얼마나 걸리나요?")).toBe(true);
    expect(isUnservedLanguage("¿Cuánto tarda el envío de mi pedido?")).toBe(true);
    expect(isUnservedLanguage("Combien coûte la livraison ?")).toBe(true);
    expect(isUnservedLanguage("Wie lange dauert der Versand?")).toBe(true);
    expect(isUnservedLanguage("Can I return my café au lait mug?")).toBe(false);
    expect(isUnservedLanguage("how much is the Piñata set")).toBe(false);
    expect(isUnservedLanguage("Hola, do you ship to Spain?")).toBe(false);
    expect(isUnservedLanguage("Los Angeles shipping cost?")).toBe(false);
    expect(isUnservedLanguage("Die cast car?")).toBe(false);
    expect(ask(["배송은 얼마나 걸리나요?"], [shipping])).toBe(LANGUAGE_NOTICE);
  });

  it("weighs synonyms through the words the help centre uses, and skips near-repeats", () => {
    const { concepts } = analyseQuestions(["how much is postage for my trainers"], {
      known: (w) => !["postage", "trainers"].includes(w),
      correct: () => null,
    });
    expect(concepts.map((c) => Object.keys(c.terms).sort())).toEqual([
      ["cost", "fee", "price", "§money"],
      ["deliveri", "ship"],
      ["shoe"],
    ]);
    const units = unitsOf({ ...shipping, n: 1 }, 0).concat(unitsOf({ ...shipping, n: 2 }, 1));
    const chosen = selectUnits(units, [{ weight: 1, terms: { express: 1 } }], { maxUnits: 3, minCoverage: 0.5 });
    expect(chosen.map((u) => u.n)).toEqual([1]);
  });
});
