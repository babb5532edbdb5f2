import { MAX_JSON_DEPTH } from "../inputs";

/**
 * What the jobs console shows of a job's payload and output: the same JSON with secrets replaced.
 * Staff read the console, and a payload or an error message may carry what only the code should
 * see: a password reset token, a webhook signature, an API key, a mail body with a sign-in link, a
 * connection string in a driver's error. Keys are judged by name, strings by shape.
 */

export const REDACTED = "[redacted]";

/** Key names whose value is a secret (or personal text), whatever its type. */
const SECRET_KEY =
  /pass(word|wd|phrase)|^pass$|secret|token|api[-_]?key|authori[sz]ation|signature|cookie|credential|private[-_]?key|session|^otp|otp$|^(html|text|body|mail[-_]?body|email[-_]?body)$/i;

/** Strings that are secrets by their shape: bearer/basic credentials, JWTs, our API keys. */
const SECRET_VALUE = [
  /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g,
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
  /\bsk_(live|test)_[A-Za-z0-9]{8,}/g,
  /\bsw_[A-Za-z0-9_-]{16,}/g,
];
/** The password of a URL (`postgres://user:password@host`), leaving the rest readable. */
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+@/gi;

export function isSecretKey(key: string) {
  return SECRET_KEY.test(key);
}

/** A string with the secrets it contains replaced (an error message that quotes a header, a URL). */
export function redactText(value: string): string {
  let text = value.replace(URL_PASSWORD, `$1${REDACTED}@`);
  for (const pattern of SECRET_VALUE) text = text.replace(pattern, REDACTED);
  return text;
}

/**
 * A deep copy of `value` with secret keys' values and secret-shaped substrings replaced. Never
 * mutates its input; nesting past MAX_JSON_DEPTH is cut rather than walked (a hostile payload).
 */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return redactText(value);
  if (typeof value !== "object" || value === null) return value;
  if (depth >= MAX_JSON_DEPTH) return REDACTED;
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item, depth + 1));
  if (value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [
      key,
      isSecretKey(key) && child !== null && child !== undefined ? REDACTED : redactSecrets(child, depth + 1),
    ]),
  );
}
