import type { Role } from "./roles";

/**
 * What an API key may do. Each procedure declares the one scope it needs in its meta
 * (`.meta({ scope })`); a procedure that declares none refuses keys. Staff scopes are granted only
 * to staff and lapse when the owner loses the role. Data only: the browser imports it too.
 */
export const API_SCOPES = {
  "catalog:read": { role: "CUSTOMER", label: "Read the catalog, reviews and stock" },
  "profile:read": { role: "CUSTOMER", label: "Read your profile" },
  "orders:read": { role: "CUSTOMER", label: "Read your orders" },
  "orders:write": { role: "CUSTOMER", label: "Place, pay and cancel your orders" },
  "reviews:write": { role: "CUSTOMER", label: "Write and delete your reviews" },
  "assistant:chat": { role: "CUSTOMER", label: "Ask the assistant; read and rate your conversations" },
  "webhooks:manage": { role: "CUSTOMER", label: "Manage your webhook endpoints and deliveries" },
  "backoffice:read": { role: "STAFF", label: "Read the back office: products, orders, users, audit log" },
  "backoffice:write": { role: "STAFF", label: "Change products, categories, orders, reviews and knowledge" },
} as const satisfies Record<string, { role: Role; label: string }>;

export type ApiScope = keyof typeof API_SCOPES;

export const API_SCOPE_NAMES = Object.keys(API_SCOPES) as [ApiScope, ...ApiScope[]];

/** What a procedure's meta may say: a scope, or that any valid key may call it (health checks). */
export type ScopeRequirement = ApiScope | "any";
