import { z } from "zod";
import { adminTableInput, auditEntities, idsInput } from "../../admin/admin.schemas";
import { listAuditLog } from "../../admin/audit-log.service";
import { listAssistantReviewInput } from "../../chat/assistant-feedback.schemas";
import { listAssistantReview } from "../../chat/assistant-review.service";
import { idInput, pageInput } from "../../inputs";
import {
  adminListCategories,
  adminListProducts,
  bulkSetProductsActive,
  createCategory,
  createProduct,
  updateCategory,
  updateProduct,
} from "../../catalog/catalog-admin.service";
import {
  adminListProductsInput,
  createCategoryInput,
  createProductInput,
  updateCategoryInput,
  updateProductInput,
} from "../../catalog/catalog.schemas";
import { adminListOrders, setOrderStatus } from "../../orders/orders-admin.service";
import { orderStatusInput } from "../../orders/orders.schemas";
import { adminListReviews, setReviewHidden } from "../../reviews/reviews-admin.service";
import { adminListUsers, setUserDisabled, setUserRole } from "../../users/users-admin.service";
import { adminProcedure, createTRPCRouter, staffProcedure } from "../trpc";

/** The back office. Every procedure needs STAFF (users: ADMIN), checked here on the server. */
export const adminRouter = createTRPCRouter({
  products: createTRPCRouter({
    list: staffProcedure
      .meta({ scope: "backoffice:read" })
      .input(adminListProductsInput)
      .query(({ ctx, input }) => adminListProducts(ctx, input)),
    create: staffProcedure
      .meta({ scope: "backoffice:write" })
      .input(createProductInput)
      .mutation(({ ctx, input }) => createProduct(ctx, input)),
    update: staffProcedure
      .meta({ scope: "backoffice:write" })
      .input(updateProductInput)
      .mutation(({ ctx, input }) => updateProduct(ctx, input)),
    bulkSetActive: staffProcedure
      .meta({ scope: "backoffice:write" })
      .input(z.strictObject({ ids: idsInput, active: z.boolean() }))
      .mutation(({ ctx, input }) => bulkSetProductsActive(ctx, input)),
  }),
  categories: createTRPCRouter({
    list: staffProcedure.meta({ scope: "backoffice:read" }).query(({ ctx }) => adminListCategories(ctx)),
    create: staffProcedure
      .meta({ scope: "backoffice:write" })
      .input(createCategoryInput)
      .mutation(({ ctx, input }) => createCategory(ctx, input)),
    update: staffProcedure
      .meta({ scope: "backoffice:write" })
      .input(updateCategoryInput)
      .mutation(({ ctx, input }) => updateCategory(ctx, input)),
  }),
  orders: createTRPCRouter({
    list: staffProcedure
      .meta({ scope: "backoffice:read" })
      .input(
        adminTableInput(["createdAt", "total", "status"], "createdAt").extend({ status: orderStatusInput.optional() }),
      )
      .query(({ ctx, input }) => adminListOrders(ctx, input)),
    setStatus: staffProcedure
      .meta({ scope: "backoffice:write" })
      .input(z.strictObject({ orderId: idInput, status: orderStatusInput }))
      .mutation(({ ctx, input }) => setOrderStatus(ctx, input)),
  }),
  users: createTRPCRouter({
    list: adminProcedure
      .meta({ scope: "backoffice:read" })
      .input(
        adminTableInput(["createdAt", "email", "name", "role"], "createdAt").extend({
          role: z.enum(["CUSTOMER", "STAFF", "ADMIN"]).optional(),
        }),
      )
      .query(({ ctx, input }) => adminListUsers(ctx, input)),
    setRole: adminProcedure
      .input(z.strictObject({ userId: idInput, role: z.enum(["CUSTOMER", "STAFF", "ADMIN"]) }))
      .mutation(({ ctx, input }) => setUserRole(ctx, input)),
    setDisabled: adminProcedure
      .input(z.strictObject({ userId: idInput, disabled: z.boolean() }))
      .mutation(({ ctx, input }) => setUserDisabled(ctx, input)),
  }),
  reviews: createTRPCRouter({
    list: staffProcedure
      .meta({ scope: "backoffice:read" })
      .input(
        adminTableInput(["createdAt", "rating", "sentiment"], "createdAt").extend({ hidden: z.boolean().optional() }),
      )
      .query(({ ctx, input }) => adminListReviews(ctx, input)),
    setHidden: staffProcedure
      .meta({ scope: "backoffice:write" })
      .input(z.strictObject({ reviewId: idInput, hidden: z.boolean() }))
      .mutation(({ ctx, input }) => setReviewHidden(ctx, input)),
  }),
  assistant: createTRPCRouter({
    /** Refused and rated-down answers, each refused one checked against today's help content. */
    list: staffProcedure
      .meta({ scope: "backoffice:read" })
      .input(listAssistantReviewInput)
      .query(({ ctx, input }) => listAssistantReview(ctx, input)),
  }),
  audit: createTRPCRouter({
    list: staffProcedure
      .meta({ scope: "backoffice:read" })
      .input(
        z.strictObject({
          page: pageInput,
          entity: z.enum(auditEntities).optional(),
          entityId: idInput.optional(),
        }),
      )
      .query(({ ctx, input }) => listAuditLog(ctx, input)),
  }),
});
