import "server-only";
import { ADMIN_PAGE_SIZE, pageOf } from "../admin/admin.schemas";
import { recordAudit } from "../admin/audit";
import type { Prisma } from "../db/client";
import type { UserCtx } from "../users/users.service";

const adminReviewSelect = {
  id: true,
  rating: true,
  title: true,
  body: true,
  hidden: true,
  sentiment: true,
  createdAt: true,
  product: { select: { id: true, name: true, slug: true } },
  user: { select: { id: true, email: true, name: true } },
} as const;

export async function adminListReviews(
  ctx: UserCtx,
  input: {
    page: number;
    sort: "createdAt" | "rating" | "sentiment";
    direction: "asc" | "desc";
    q?: string;
    hidden?: boolean;
  },
) {
  const where: Prisma.ReviewWhereInput = {
    ...(input.hidden !== undefined && { hidden: input.hidden }),
    ...(input.q && {
      OR: [
        { title: { contains: input.q, mode: "insensitive" } },
        { product: { name: { contains: input.q, mode: "insensitive" } } },
      ],
    }),
  };
  const [items, total] = await ctx.db.$transaction([
    ctx.db.review.findMany({
      where,
      // Only a nullable column takes `nulls` (Prisma refuses it on the others): unscored reviews last.
      orderBy: [
        input.sort === "sentiment"
          ? { sentiment: { sort: input.direction, nulls: "last" } }
          : { [input.sort]: input.direction },
        { id: "asc" },
      ],
      skip: (input.page - 1) * ADMIN_PAGE_SIZE,
      take: ADMIN_PAGE_SIZE,
      select: adminReviewSelect,
    }),
    ctx.db.review.count({ where }),
  ]);
  return pageOf(items, total, input.page);
}

/** Staff hide (or show again) any review; hidden reviews leave the page and the rating summary. */
export async function setReviewHidden(ctx: UserCtx, input: { reviewId: string; hidden: boolean }) {
  return ctx.db.$transaction(async (tx) => {
    const before = await tx.review.findUniqueOrThrow({ where: { id: input.reviewId }, select: { hidden: true } });
    const after = await tx.review.update({
      where: { id: input.reviewId },
      data: { hidden: input.hidden },
      select: adminReviewSelect,
    });
    await recordAudit(tx, ctx, [
      {
        action: input.hidden ? "review.hide" : "review.show",
        entity: "Review",
        entityId: after.id,
        before,
        after: { hidden: after.hidden },
      },
    ]);
    return after;
  });
}
