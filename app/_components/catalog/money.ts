/**
 * Money arrives as a 2-decimal string ("12.50"). Totals are summed in integer cents and shown
 * through Intl's exact decimal-string formatting, so no binary floating point touches a price.
 */

const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

/** "12.5" or "12.50" → 1250. Throws on anything that is not a plain non-negative amount. */
export function toCents(money: string): number {
  const match = /^(\d{1,10})(?:\.(\d{1,2}))?$/.exec(money.trim());
  if (!match) throw new Error(`Not a money amount: ${JSON.stringify(money)}`);
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}

/** 1250 → "12.50" */
export function centsToMoney(cents: number): string {
  const whole = Math.trunc(cents / 100);
  return `${whole}.${String(cents % 100).padStart(2, "0")}`;
}

/** "12.50" → "$12.50" */
export function formatMoney(money: string): string {
  return usd.format(money as Intl.StringNumericLiteral);
}

export function formatCents(cents: number): string {
  return formatMoney(centsToMoney(cents));
}
