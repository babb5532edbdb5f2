import { z } from "zod";
import { API_SCOPE_NAMES } from "../auth/api-scopes";
import { idInput, text } from "../inputs";

/** Active keys one account may hold: plenty for real integrations, a bound for a runaway script. */
export const MAX_ACTIVE_API_KEYS = 25;
/** The expiries the form offers, in days; any whole number of days up to a year is accepted. */
export const API_KEY_EXPIRY_CHOICES = [7, 30, 90, 365] as const;

export const createApiKeyInput = z.strictObject({
  name: text({ max: 80 }).min(1, { error: "Name the key after what uses it, like “inventory sync”." }),
  scopes: z
    .array(z.enum(API_SCOPE_NAMES))
    .min(1, { error: "Choose at least one scope." })
    .max(API_SCOPE_NAMES.length)
    .refine((scopes) => new Set(scopes).size === scopes.length, { error: "Each scope once." }),
  /** Omitted: the key never expires (until revoked). */
  expiresInDays: z.number().int().min(1).max(365).optional(),
});
export type CreateApiKeyInput = z.infer<typeof createApiKeyInput>;

export const apiKeyIdInput = z.strictObject({ apiKeyId: idInput });

/** What the owner sees of a key: never its secret or hash. */
export const apiKeySelect = {
  id: true,
  name: true,
  prefix: true,
  scopes: true,
  expiresAt: true,
  lastUsedAt: true,
  lastUsedIp: true,
  revokedAt: true,
  createdAt: true,
} as const;
