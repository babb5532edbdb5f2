import { randomBytes } from "node:crypto";
import { encode } from "next-auth/jwt";
import { createCaller } from "../api/root";
import { createInnerContext } from "../api/trpc";
import { hashPassword } from "../auth/password";
import type { Role, SessionUser } from "../auth/roles";
import { startSession } from "../auth/session-store";
import { db } from "../db/client";
import { getEnv } from "../env";

/** Test data with believable defaults; every call makes a new, unique row. */

export const uniqueEmail = (prefix = "user") => `${prefix}-${randomBytes(4).toString("hex")}@example.com`;

export async function createUser(overrides: { email?: string; name?: string; role?: Role; password?: string } = {}) {
  const password = overrides.password ?? "correct horse battery";
  const user = await db.user.create({
    data: {
      email: overrides.email ?? uniqueEmail(),
      name: overrides.name ?? "Test User",
      role: overrides.role ?? "CUSTOMER",
      passwordHash: await hashPassword(password),
    },
    select: { id: true, email: true, name: true, role: true },
  });
  return { ...user, password } satisfies SessionUser & { password: string };
}

/** A tRPC caller acting as `user` (or anonymous), through the real procedures. */
export function callerFor(user: SessionUser | null, correlationId?: string) {
  return createCaller(createInnerContext({ user, correlationId }));
}

let visitorSequence = 0;
/**
 * A caller holding a visitor's support token (as its cookie would carry it), from an address of its
 * own (visitors may open only a few support threads per address; 198.18.0.0/15 is a test range).
 */
export function supportCallerFor(
  supportToken: string | null,
  user: SessionUser | null = null,
  options: { signal?: AbortSignal } = {},
) {
  const n = visitorSequence++;
  return createCaller(createInnerContext({ user, supportToken, ip: `198.18.${(n >> 8) & 255}.${n & 255}` }), options);
}

/** The Auth.js session cookie a browser would hold after signing in as `user` (with its session row). */
export async function sessionCookieFor(user: Pick<SessionUser, "id" | "role">): Promise<string> {
  const name = "authjs.session-token";
  const sid = await startSession(db, user.id);
  const token = await encode({
    token: { sub: user.id, role: user.role, sid },
    secret: getEnv().AUTH_SECRET!,
    salt: name,
  });
  return `${name}=${token}`;
}

let sequence = 0;
const suffix = () => `${Date.now().toString(36)}-${(sequence++).toString(36)}-${randomBytes(2).toString("hex")}`;

export async function createCategory(overrides: { name?: string; slug?: string } = {}) {
  const id = suffix();
  return db.category.create({
    data: { name: overrides.name ?? `Category ${id}`, slug: overrides.slug ?? `category-${id}`, description: "Test" },
  });
}

export async function createProduct(
  overrides: Partial<{
    name: string;
    description: string;
    price: string;
    stock: number;
    active: boolean;
    categoryId: string;
    createdAt: Date;
  }> = {},
) {
  const id = suffix();
  const categoryId = overrides.categoryId ?? (await createCategory()).id;
  return db.product.create({
    data: {
      name: overrides.name ?? `Product ${id}`,
      slug: `product-${id}`,
      description: overrides.description ?? "A sturdy thing for everyday use.",
      price: overrides.price ?? "19.99",
      stock: overrides.stock ?? 10,
      active: overrides.active ?? true,
      categoryId,
      ...(overrides.createdAt && { createdAt: overrides.createdAt }),
    },
  });
}

/** An order `user` placed and paid for `product`, as a buyer would have one. */
export async function createPaidOrder(user: SessionUser, productId: string, quantity = 1) {
  const order = await callerFor(user).orders.create({
    idempotencyKey: `test-${suffix()}`,
    lines: [{ productId, quantity }],
  });
  return callerFor(user).orders.pay({ orderId: order.id });
}

/** Polls `fn` until it returns something truthy (a job's effect), or fails after `timeoutMs`. */
export async function eventually<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
