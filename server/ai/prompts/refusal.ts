/**
 * What the assistant says when it cannot answer, and how anyone (the chat service recording a
 * turn, the evaluation, the staff page) recognises it. Hosted models are told to say the same
 * (prompts/assistant.ts), so one test serves every provider.
 */
export const NO_ANSWER =
  "I could not find this in Shopwise's help centre or product details. Try asking in other words, or contact support.";

/** The answer to a question in a language the assistant does not serve. */
export const LANGUAGE_NOTICE =
  "I can only answer in English for now. Please ask your question in English, or contact support, who can help in other languages.";

const REFUSAL =
  /\b(could not|couldn['’]t|cannot|can['’]t|unable to) find (this|that|it|any)\b|can only answer in English/i;

export const isRefusal = (answer: string) => REFUSAL.test(answer);
