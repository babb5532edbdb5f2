import "server-only";
import { randomBytes } from "node:crypto";
import { hashPassword } from "../auth/password";
import type { Role } from "../auth/roles";
import type { Db } from "./client";

export interface DemoAccount {
  email: string;
  password: string;
  role: Role;
}

/**
 * Demo data: an admin and a customer. Idempotent (upserts by email; existing passwords are kept).
 * Passwords are generated unless given; the caller shows them once.
 */
export async function seedDemoData(
  db: Db,
  passwords: { admin?: string; customer?: string } = {},
): Promise<DemoAccount[]> {
  const accounts: DemoAccount[] = [
    { email: "admin@shopwise.local", password: passwords.admin ?? generatePassword(), role: "ADMIN" },
    { email: "customer@shopwise.local", password: passwords.customer ?? generatePassword(), role: "CUSTOMER" },
  ];
  const created: DemoAccount[] = [];
  for (const account of accounts) {
    const existing = await db.user.findUnique({ where: { email: account.email }, select: { id: true } });
    if (existing) continue;
    await db.user.create({
      data: {
        email: account.email,
        name: account.role === "ADMIN" ? "Ada Admin" : "Casey Customer",
        role: account.role,
        passwordHash: await hashPassword(account.password),
        emailVerified: new Date(),
      },
    });
    created.push(account);
  }
  return created;
}

function generatePassword(): string {
  return randomBytes(12).toString("base64url");
}
