/**
 * Formatting for back-office tables. A fixed locale and time zone keep the server render and the
 * browser's identical (no hydration mismatch); dates say "UTC" where the time of day matters.
 */
const count = new Intl.NumberFormat("en-US");
const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });
const day = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });
const moment = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export const formatCount = (value: number) => count.format(value);

/** Money arrives as a 2-decimal string; it is only displayed here, never calculated with. */
export const formatMoney = (value: string) => money.format(Number(value));

export const formatDay = (value: Date) => day.format(value);

export const formatMoment = (value: Date) => `${moment.format(value)} UTC`;

/** "1 product", "3 products". */
export function plural(value: number, noun: string, nouns = `${noun}s`) {
  return `${formatCount(value)} ${value === 1 ? noun : nouns}`;
}

/** "PENDING" → "Pending". */
export const titleCase = (value: string) => value.charAt(0) + value.slice(1).toLowerCase();
