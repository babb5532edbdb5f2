/**
 * Money is Decimal(10,2) in the database and a 2-decimal string on the wire ("12.50"), so no
 * client ever does binary floating-point arithmetic on prices.
 */

type DecimalLike = { toFixed(digits: number): string };

export function toMoney(value: DecimalLike | string): string {
  return typeof value === "string" ? Number.parseFloat(value).toFixed(2) : value.toFixed(2);
}
