import { z } from "zod";

/**
 * Money is Decimal(10,2) in the database and a 2-decimal string on the wire ("12.50"), so no
 * client ever does binary floating-point arithmetic on prices.
 */

type DecimalLike = { toFixed(digits: number): string };

export function toMoney(value: DecimalLike | string): string {
  return typeof value === "string" ? Number.parseFloat(value).toFixed(2) : value.toFixed(2);
}

/** A price a person typed: "12", "12.5" or "12.50"; at most 99,999,999.99. */
export const moneyInput = z
  .string()
  .trim()
  .regex(/^\d{1,8}(\.\d{1,2})?$/, { error: "Enter an amount like 12.50 (no currency sign)." })
  .transform((value) => Number.parseFloat(value).toFixed(2));
