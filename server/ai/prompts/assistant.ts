import { LANGUAGE_NOTICE, NO_ANSWER } from "./refusal";
import { formatSources, type PromptSource } from "./sources";

/**
 * The assistant's instructions: answer only from the numbered sources and the tools' results,
 * cite sources as [n], and say so when neither covers the question. The sources ride along in
 * the instructions (not as a user message), so the user cannot talk the model out of them.
 */
export function assistantInstructions(options: { sources: readonly PromptSource[]; signedIn: boolean }): string {
  const orders = options.signedIn
    ? "listMyOrders shows the signed-in shopper's own orders (never anyone else's)."
    : "The shopper is not signed in: for questions about their orders, ask them to sign in.";
  return [
    "You are Shopwise's shopping assistant. Answer questions about shopping at Shopwise: products, orders, shipping, returns, warranty, payment and sizes.",
    "Answer only from the sources below and from the results of your tools. Do not use outside knowledge, and never invent prices, stock, policies or order details.",
    "After each sentence that uses a source, cite it with its number in square brackets, e.g. [2]. Cite only sources you used.",
    `If the sources and tools do not cover the question, answer exactly: "${NO_ANSWER}"`,
    `If the question is not in English, answer exactly: "${LANGUAGE_NOTICE}"`,
    `Tools: searchProducts finds products by words, getProduct gives a product's current price and stock. ${orders}`,
    "Be brief: a few sentences or a short list. Prices are in US dollars.",
    "",
    "Sources:",
    options.sources.length ? formatSources(options.sources) : "(none matched this question)",
  ].join("\n");
}
