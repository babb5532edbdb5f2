import type { LanguageModelV4CallOptions, LanguageModelV4ToolResultPart } from "@ai-sdk/provider";
import { tokenize } from "./lexical-embedding";

/**
 * How the offline model uses tools without understanding language: a few plain patterns
 * recognise the questions only a tool can answer — "do you have … under $80?" (searchProducts),
 * "where is my order?" (listMyOrders) — and, once the tool has answered, its result is read back
 * as a short summary. Anything else goes to the extractive answer over the sources.
 */

type Prompt = LanguageModelV4CallOptions["prompt"];
export interface ToolCall {
  toolName: string;
  input: Record<string, unknown>;
}

// "Where is my order?", "track my parcel", "my last orders" — not "my parcel arrived damaged".
const ORDERS = new RegExp(
  [
    String.raw`\b(where|status|track|tracking|show|list|see)\b[^?.!]*\bmy\b[^?.!]*\b(orders?|parcels?|packages?|purchases?|stuff|delivery)\b`,
    String.raw`\bmy (latest|last|recent|past) (orders?|purchases?)\b`,
    String.raw`\bwhat (did|have) i (buy|bought|order|ordered|purchase|purchased)\b`,
    String.raw`\b(has|have|did|is|are|when will) my (orders?|parcels?|packages?|stuff|things)( \w+)? (shipped|arrived|arrive|left|dispatched|coming|been sent|on (its|the) way)\b`,
  ].join("|"),
  "i",
);
const PRODUCTS =
  /\b(do you (have|sell|stock|carry)|have you got|(got|have|are there|is there) any|show me|looking for|recommend|searching for|i (want|need|would like)( to buy)? (a|an|some|new)|where can i (find|buy)|shopping for|(cheap|cheapest|affordable|budget) \w+)\b|^\s*any\b/i;
// "do you sell my personal info?" asks about privacy, not products.
const NOT_PRODUCTS =
  /\b(my|your) (personal|data|info|information|details|address|email)\b|\b(personal|private) (data|info|information|details)\b/i;
// Policy questions name products too ("can I return headphones?"): those are the help centre's.
const POLICY =
  /\b(return|refund|exchange|warranty|guarantee|deliver|delivery|shipping|ship|payment|pay|invoice|size|sizes|cancel|gift ?cards?|discount|coupon|voucher)\w*\b/i;
const MAX_PRICE =
  /\b(?:under|below|less than|cheaper than|max(?:imum)?|up to|within|no more than)\s*(?:\$|usd\s*)?\s*(\d{1,7}(?:\.\d{1,2})?)\s*(?:\$|dollars?|bucks|usd)?/i;
const FILLER = new Set(
  "a an new cheapest any anything buy cheap cheaper get got have less looking max maximum please price recommend sell show some something stock than up under below carry searching dollars usd bucks want need find where good nice best great decent affordable budget there shopping within more priced costing".split(
    " ",
  ),
);

/** The tool call a question asks for, when the tool is offered; null for the extractive answer. */
export function toolCallFor(question: string, offered: ReadonlySet<string>): ToolCall | null {
  // "If I pay before 2 pm, when is my order dispatched?" asks about the policy, not an order.
  const hypothetical = /^\s*(if|what if|suppose)\b|\bif (i|my|you|we)\b/i.test(question);
  if (offered.has("listMyOrders") && !hypothetical && ORDERS.test(question))
    return { toolName: "listMyOrders", input: {} };
  if (!offered.has("searchProducts") || NOT_PRODUCTS.test(question) || POLICY.test(question)) return null;
  if (!PRODUCTS.test(question) && !MAX_PRICE.test(question)) return null;
  const maxPrice = MAX_PRICE.exec(question)?.[1];
  const words = tokenize(question.replace(MAX_PRICE, " ")).filter(
    (w) => w.length > 1 && !FILLER.has(w) && !/^\d+$/.test(w),
  );
  if (!words.length) return null;
  return {
    toolName: "searchProducts",
    input: { query: words.slice(0, 6).join(" "), ...(maxPrice && { maxPrice: Number(maxPrice) }) },
  };
}

/** The tool results of the current step: the prompt's messages after the last user message. */
export function pendingToolResults(prompt: Prompt): LanguageModelV4ToolResultPart[] {
  const lastUser = prompt.findLastIndex((m) => m.role === "user");
  return prompt
    .slice(lastUser + 1)
    .flatMap((m) => (m.role === "tool" ? m.content : []))
    .filter((p): p is LanguageModelV4ToolResultPart => p.type === "tool-result");
}

type Json = Record<string, unknown>;
const usd = (price: unknown) => `$${String(price)}`;

/** A tool's result in one or two sentences; the chat shows the full result beside it. */
export function summariseToolResult(part: LanguageModelV4ToolResultPart): string {
  const value = (part.output.type === "json" ? part.output.value : null) as Json | null;
  if (!value) return "The lookup did not work this time. Please try again.";
  if (part.toolName === "searchProducts") {
    const products = (value.products as Json[] | undefined) ?? [];
    if (!products.length) return "I could not find any products matching that. Try other words, or browse the shop.";
    const list = products.map((p) => `${String(p.name)} (${usd(p.price)}, ${String(p.availability)})`).join("; ");
    return `I found ${products.length === 1 ? "one product" : `${products.length} products`}: ${list}.`;
  }
  if (part.toolName === "getProduct")
    return value.found
      ? `${String(value.name)} costs ${usd(value.price)} and is ${String(value.availability)}.`
      : "That product is not sold any more.";
  if (part.toolName === "listMyOrders") {
    if (value.signInRequired) return "Sign in, and I can tell you about your orders.";
    const orders = (value.orders as Json[] | undefined) ?? [];
    if (!orders.length) return "You have no orders yet.";
    const list = orders.map((o) => `order ${String(o.reference)} is ${String(o.status).toLowerCase()}`).join("; ");
    return `Your latest orders: ${list}. Open an order for its details.`;
  }
  return "Done.";
}
