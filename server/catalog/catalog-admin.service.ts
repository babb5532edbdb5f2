import "server-only";
import { pageOf, ADMIN_PAGE_SIZE } from "../admin/admin.schemas";
import { recordAudit } from "../admin/audit";
import { invalidate } from "../cache";
import { Prisma } from "../db/client";
import { isForeignKeyViolation, isUniqueViolation } from "../db/errors";
import { ConflictError, NotFoundError } from "../errors";
import { toMoney } from "../money";
import type { UserCtx } from "../users/users.service";
import {
  productChangeTags,
  type AdminListProductsInput,
  type CreateCategoryInput,
  type CreateProductInput,
  type UpdateCategoryInput,
  type UpdateProductInput,
} from "./catalog.schemas";
import { catalogTags, listCategoryStats } from "./catalog.service";
import { announceProductChanges } from "./product-changes";

const adminProductSelect = {
  id: true,
  name: true,
  slug: true,
  description: true,
  price: true,
  stock: true,
  active: true,
  imageUrl: true,
  createdAt: true,
  updatedAt: true,
  category: { select: { id: true, name: true } },
} as const;
type AdminProductRow = Prisma.ProductGetPayload<{ select: typeof adminProductSelect }>;
const toAdminProduct = (p: AdminProductRow) => ({ ...p, price: toMoney(p.price) });

/** The back office's product table: filters, search, sort by any column, 25 per page, total. */
export async function adminListProducts(ctx: UserCtx, input: AdminListProductsInput) {
  const where: Prisma.ProductWhereInput = {
    ...(input.active !== undefined && { active: input.active }),
    ...(input.categoryId && { categoryId: input.categoryId }),
    ...((input.createdFrom || input.createdTo) && { createdAt: { gte: input.createdFrom, lte: input.createdTo } }),
    ...(input.q && {
      OR: [
        { name: { contains: input.q, mode: "insensitive" } },
        { slug: { contains: input.q.toLowerCase() } },
        { id: input.q },
      ],
    }),
  };
  const orderBy: Prisma.ProductOrderByWithRelationInput =
    input.sort === "category" ? { category: { name: input.direction } } : { [input.sort]: input.direction };
  const [items, total] = await ctx.db.$transaction([
    ctx.db.product.findMany({
      where,
      orderBy: [orderBy, { id: "asc" }],
      skip: (input.page - 1) * ADMIN_PAGE_SIZE,
      take: ADMIN_PAGE_SIZE,
      select: adminProductSelect,
    }),
    ctx.db.product.count({ where }),
  ]);
  return pageOf(items.map(toAdminProduct), total, input.page);
}

/** Maps the unique-slug and unknown-category violations to errors naming the field. */
function catalogWriteError(error: unknown): never {
  if (isUniqueViolation(error))
    throw new ConflictError("SLUG_TAKEN", "Another item already uses this slug; choose another.", { field: "slug" });
  if (isForeignKeyViolation(error))
    throw new NotFoundError("CATEGORY_NOT_FOUND", "Choose an existing category.", { field: "categoryId" });
  throw error;
}

export async function createProduct(ctx: UserCtx, input: CreateProductInput) {
  const product = await ctx.db
    .$transaction(async (tx) => {
      const created = await tx.product.create({ data: input, select: adminProductSelect });
      await recordAudit(tx, ctx, [
        { action: "product.create", entity: "Product", entityId: created.id, after: toAdminProduct(created) },
      ]);
      return created;
    })
    .catch(catalogWriteError);
  await announceProductChanges(ctx.db, [product], { tags: [catalogTags.categories] });
  return toAdminProduct(product);
}

export async function updateProduct(ctx: UserCtx, input: UpdateProductInput) {
  const { id, ...data } = input;
  const { before, after } = await ctx.db
    .$transaction(async (tx) => {
      const before = await tx.product.findUniqueOrThrow({ where: { id }, select: adminProductSelect });
      const after = await tx.product.update({ where: { id }, data, select: adminProductSelect });
      const [was, now] = [toAdminProduct(before), toAdminProduct(after)];
      await recordAudit(tx, ctx, [
        { action: "product.update", entity: "Product", entityId: id, before: was, after: now },
      ]);
      return { before, after };
    })
    .catch(catalogWriteError);
  // The old slug's cached page goes too.
  await announceProductChanges(ctx.db, [after], { tags: [catalogTags.categories, ...productChangeTags(before)] });
  return toAdminProduct(after);
}

/**
 * Activates or deactivates many products; reports how many rows changed, how many already had
 * that state and how many ids matched no product.
 */
export async function bulkSetProductsActive(ctx: UserCtx, input: { ids: string[]; active: boolean }) {
  const { changed, existing } = await ctx.db.$transaction(async (tx) => {
    const existing = await tx.product.count({ where: { id: { in: input.ids } } });
    const rows = await tx.product.findMany({
      where: { id: { in: input.ids }, active: !input.active },
      select: { id: true, slug: true, active: true, stock: true },
    });
    await tx.product.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { active: input.active } });
    await recordAudit(
      tx,
      ctx,
      rows.map((r) => ({
        action: input.active ? "product.activate" : "product.deactivate",
        entity: "Product",
        entityId: r.id,
        before: { active: r.active },
        after: { active: input.active },
      })),
    );
    return { changed: rows, existing };
  });
  await announceProductChanges(
    ctx.db,
    changed.map((p) => ({ ...p, active: input.active })),
    { tags: [catalogTags.categories] },
  );
  return { changed: changed.length, unchanged: existing - changed.length, missing: input.ids.length - existing };
}

export async function adminListCategories(ctx: UserCtx) {
  return listCategoryStats(ctx);
}

export async function createCategory(ctx: UserCtx, input: CreateCategoryInput) {
  const category = await ctx.db
    .$transaction(async (tx) => {
      const created = await tx.category.create({ data: input });
      await recordAudit(tx, ctx, [
        { action: "category.create", entity: "Category", entityId: created.id, after: created },
      ]);
      return created;
    })
    .catch(catalogWriteError);
  await invalidate([catalogTags.categories]);
  return category;
}

export async function updateCategory(ctx: UserCtx, input: UpdateCategoryInput) {
  const { id, ...data } = input;
  const category = await ctx.db
    .$transaction(async (tx) => {
      const before = await tx.category.findUniqueOrThrow({ where: { id } });
      const after = await tx.category.update({ where: { id }, data });
      await recordAudit(tx, ctx, [{ action: "category.update", entity: "Category", entityId: id, before, after }]);
      return after;
    })
    .catch(catalogWriteError);
  // Product pages show the category's name and slug.
  await invalidate([catalogTags.all]);
  return category;
}
