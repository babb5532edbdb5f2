import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../auth/roles";
import { db } from "../db/client";
import { callerFor, createCategory, createPaidOrder, createProduct, createUser } from "../test/factories";

let staff: SessionUser;
let admin: SessionUser;
let category: { id: string };
beforeAll(async () => {
  staff = await createUser({ role: "STAFF", name: "Sam Staff" });
  admin = await createUser({ role: "ADMIN" });
  category = await createCategory({ name: "Lighting", slug: "lighting" });
  for (let i = 0; i < 30; i++)
    await createProduct({
      name: `Lamp ${String(i).padStart(2, "0")}`,
      price: `${10 + i}.00`,
      categoryId: category.id,
      active: i % 10 !== 0,
      createdAt: new Date(Date.UTC(2026, 5, 1 + i)),
    });
});

const fieldErrorsOf = (error: unknown) => {
  expect(error).toBeInstanceOf(TRPCError);
  return JSON.stringify((error as TRPCError).cause);
};

describe("back office: products", () => {
  it("pages 25 at a time with the total, filters and sorts by any column", async () => {
    const products = callerFor(staff).admin.products;
    const first = await products.list({ categoryId: category.id, sort: "price", direction: "asc" });
    expect(first).toMatchObject({ total: 30, page: 1, pageSize: 25, pageCount: 2 });
    expect(first.items).toHaveLength(25);
    expect(first.items[0]).toMatchObject({ name: "Lamp 00", price: "10.00", category: { name: "Lighting" } });
    const second = await products.list({ categoryId: category.id, sort: "price", direction: "asc", page: 2 });
    expect(second.items.map((p) => p.name)).toEqual(["Lamp 25", "Lamp 26", "Lamp 27", "Lamp 28", "Lamp 29"]);

    expect((await products.list({ categoryId: category.id, active: false })).total).toBe(3);
    const june = await products.list({
      categoryId: category.id,
      createdFrom: new Date(Date.UTC(2026, 5, 5)),
      createdTo: new Date(Date.UTC(2026, 5, 7, 23)),
      sort: "createdAt",
      direction: "asc",
    });
    expect(june.items.map((p) => p.name)).toEqual(["Lamp 04", "Lamp 05", "Lamp 06"]);
    expect((await products.list({ q: "lamp 1" })).total).toBe(10);
    const byName = await products.list({ categoryId: category.id, sort: "name", direction: "desc" });
    expect(byName.items[0]?.name).toBe("Lamp 29");
  });

  it("edits price, stock and active inline, recording who changed what in the audit log", async () => {
    const lamp = await db.product.findFirstOrThrow({ where: { name: "Lamp 01" } });
    const updated = await callerFor(staff).admin.products.update({
      id: lamp.id,
      price: "12.5",
      stock: 42,
      active: false,
    });
    expect(updated).toMatchObject({ price: "12.50", stock: 42, active: false });
    const entry = await db.auditLog.findFirstOrThrow({ where: { entityId: lamp.id, action: "product.update" } });
    expect(entry).toMatchObject({
      actorId: staff.id,
      entity: "Product",
      before: expect.objectContaining({ price: "11.00", stock: 10, active: true }),
      after: expect.objectContaining({ price: "12.50", stock: 42, active: false }),
    });
  });

  it("refuses bad values by field, and fields it does not offer (no mass assignment)", async () => {
    const lamp = await db.product.findFirstOrThrow({ where: { name: "Lamp 02" } });
    const update = callerFor(staff).admin.products.update;
    expect(fieldErrorsOf(await update({ id: lamp.id, price: "abc" }).catch((e: unknown) => e))).toContain("price");
    expect(fieldErrorsOf(await update({ id: lamp.id, stock: -1 }).catch((e: unknown) => e))).toContain("stock");
    const sneaky = await update({ id: lamp.id, createdAt: new Date(0) } as never).catch((e: unknown) => e);
    expect((sneaky as TRPCError).code).toBe("BAD_REQUEST");
    expect(await db.product.findUniqueOrThrow({ where: { id: lamp.id } })).toMatchObject({ stock: 10 });
    expect(await db.auditLog.count({ where: { entityId: lamp.id } })).toBe(0);
  });

  it("bulk-activates and reports how many rows changed", async () => {
    const inactive = await db.product.findMany({ where: { categoryId: category.id, active: false } });
    const active = await db.product.findFirstOrThrow({ where: { categoryId: category.id, active: true } });
    const result = await callerFor(staff).admin.products.bulkSetActive({
      ids: [...inactive.map((p) => p.id), active.id, "no-such-product"],
      active: true,
    });
    expect(result).toEqual({ changed: inactive.length, unchanged: 1, missing: 1 });
    expect(await db.auditLog.count({ where: { action: "product.activate" } })).toBe(inactive.length);
  });

  it("creates products with a unique slug in an existing category", async () => {
    const create = callerFor(staff).admin.products.create;
    const input = {
      name: "Desk Lamp",
      slug: "desk-lamp",
      description: "A warm desk lamp with a dimmer.",
      categoryId: category.id,
      price: "49.90",
      stock: 5,
      active: true,
      imageUrl: null,
    };
    expect(await create(input)).toMatchObject({ slug: "desk-lamp", price: "49.90" });
    const taken = (await create(input).catch((e: unknown) => e)) as TRPCError;
    expect(taken.code).toBe("CONFLICT");
    expect(taken.cause).toMatchObject({ code: "SLUG_TAKEN", context: { field: "slug" } });
    const orphan = (await create({ ...input, slug: "other-lamp", categoryId: "nope" }).catch(
      (e: unknown) => e,
    )) as TRPCError;
    expect(orphan.code).toBe("NOT_FOUND");
    expect(orphan.cause).toMatchObject({ context: { field: "categoryId" } });
  });
});

describe("back office: rows that do not exist", () => {
  it("answers NOT_FOUND, not a server error", async () => {
    const calls = [
      () => callerFor(admin).admin.users.setRole({ userId: "no-such-user", role: "STAFF" }),
      () => callerFor(staff).admin.reviews.setHidden({ reviewId: "no-such-review", hidden: true }),
      () => callerFor(staff).admin.products.update({ id: "no-such-product", stock: 1 }),
      () => callerFor(staff).admin.categories.update({ id: "no-such-category", name: "Nothing" }),
      () => callerFor(staff).admin.orders.setStatus({ orderId: "no-such-order", status: "PAID" }),
    ];
    for (const call of calls) await expect(call()).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("back office: categories, orders, users", () => {
  it("lists categories with statistics and edits them, audited", async () => {
    const stats = await callerFor(staff).admin.categories.list();
    expect(stats.find((c) => c.id === category.id)).toMatchObject({ productCount: expect.any(Number) });
    const created = await callerFor(staff).admin.categories.create({ name: "Garden", slug: "garden" });
    const renamed = await callerFor(staff).admin.categories.update({ id: created.id, name: "Garden & Patio" });
    expect(renamed.name).toBe("Garden & Patio");
    expect(await db.auditLog.count({ where: { entity: "Category", entityId: created.id } })).toBe(2);
  });

  it("lists every customer's orders for staff, filtered by status and searchable by email", async () => {
    const customer = await createUser({ email: `orders-${Date.now()}@example.com` });
    const lamp = await db.product.findFirstOrThrow({ where: { name: "Lamp 03" } });
    const order = await createPaidOrder(customer, lamp.id);
    const page = await callerFor(staff).admin.orders.list({ status: "PAID", q: customer.email });
    expect(page.items.map((o) => o.id)).toEqual([order.id]);
    expect(page.items[0]).toMatchObject({
      customer: { email: customer.email },
      total: "13.00",
      itemCount: 1,
      nextStatuses: ["SHIPPED", "CANCELLED"],
    });
    await callerFor(staff).admin.orders.setStatus({ orderId: order.id, status: "SHIPPED" });
    expect(await db.auditLog.findFirst({ where: { entityId: order.id } })).toMatchObject({
      action: "order.status",
      before: { status: "PAID" },
      after: { status: "SHIPPED" },
    });
  });

  it("lets only admins change roles, never their own, and applies the change at once", async () => {
    const customer = await createUser();
    const promoted = await callerFor(admin).admin.users.setRole({ userId: customer.id, role: "STAFF" });
    expect(promoted.role).toBe("STAFF");
    const self = (await callerFor(admin)
      .admin.users.setRole({ userId: admin.id, role: "CUSTOMER" })
      .catch((e: unknown) => e)) as TRPCError;
    expect(self.code).toBe("FORBIDDEN");
    expect(await db.auditLog.findFirst({ where: { entity: "User", entityId: customer.id } })).toMatchObject({
      actorId: admin.id,
      before: { role: "CUSTOMER" },
      after: { role: "STAFF" },
    });
    const trail = await callerFor(staff).admin.audit.list({ entity: "User" });
    expect(trail.items[0]).toMatchObject({ action: "user.role", actor: { id: admin.id } });
  });
});
