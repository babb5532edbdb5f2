import { z } from "zod";
import { adminTableInput, auditEntities, idsInput } from "../../admin/admin.schemas";
import { listAuditLog } from "../../admin/audit-log.service";
import { listAssistantReviewInput } from "../../chat/assistant-feedback.schemas";
import { listAssistantReview } from "../../chat/assistant-review.service";
import { idInput, pageInput, text } from "../../inputs";
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
import { adminListOrders, setOrderStatus, watchNewOrders } from "../../orders/orders-admin.service";
import { liveInput } from "../../realtime/live";
import { orderStatusInput } from "../../orders/orders.schemas";
import { adminListReviews, setReviewHidden } from "../../reviews/reviews-admin.service";
import { adminListUsers, setUserDisabled, setUserRole } from "../../users/users-admin.service";
import { supportAdminRouter } from "./support-admin";
import { adminProcedure, createTRPCRouter, staffProcedure } from "../trpc";

/** The back office. Every procedure needs STAFF (users: ADMIN), checked here on the server. */
export const adminRouter = createTRPCRouter({
  products: createTRPCRouter({
    list: staffProcedure
      .meta({
        scope: "backoffice:read",
        openapi: {
          method: "GET",
          path: "/admin/products",
          tags: ["Back office"],
          summary: "Products, paged and sortable",
          protect: true,
        },
      })
      .input(adminListProductsInput)
      .query(({ ctx, input }) => adminListProducts(ctx, input)),
    create: staffProcedure
      .meta({
        scope: "backoffice:write",
        openapi: {
          method: "POST",
          path: "/admin/products",
          tags: ["Back office"],
          summary: "Create a product",
          protect: true,
        },
      })
      .input(createProductInput)
      .mutation(({ ctx, input }) => createProduct(ctx, input)),
    update: staffProcedure
      .meta({
        scope: "backoffice:write",
        openapi: {
          method: "PATCH",
          path: "/admin/products/{id}",
          tags: ["Back office"],
          summary: "Change a product's fields",
          protect: true,
        },
      })
      .input(updateProductInput)
      .mutation(({ ctx, input }) => updateProduct(ctx, input)),
    bulkSetActive: staffProcedure
      .meta({
        scope: "backoffice:write",
        openapi: {
          method: "POST",
          path: "/admin/products/bulk-set-active",
          tags: ["Back office"],
          summary: "Activate or deactivate products",
          protect: true,
        },
      })
      .input(z.strictObject({ ids: idsInput, active: z.boolean() }))
      .mutation(({ ctx, input }) => bulkSetProductsActive(ctx, input)),
  }),
  categories: createTRPCRouter({
    list: staffProcedure
      .meta({
        scope: "backoffice:read",
        openapi: {
          method: "GET",
          path: "/admin/categories",
          tags: ["Back office"],
          summary: "Categories with counts",
          protect: true,
        },
      })
      .query(({ ctx }) => adminListCategories(ctx)),
    create: staffProcedure
      .meta({
        scope: "backoffice:write",
        openapi: {
          method: "POST",
          path: "/admin/categories",
          tags: ["Back office"],
          summary: "Create a category",
          protect: true,
        },
      })
      .input(createCategoryInput)
      .mutation(({ ctx, input }) => createCategory(ctx, input)),
    update: staffProcedure
      .meta({
        scope: "backoffice:write",
        openapi: {
          method: "PATCH",
          path: "/admin/categories/{id}",
          tags: ["Back office"],
          summary: "Change a category",
          protect: true,
        },
      })
      .input(updateCategoryInput)
      .mutation(({ ctx, input }) => updateCategory(ctx, input)),
  }),
  orders: createTRPCRouter({
    list: staffProcedure
      .meta({
        scope: "backoffice:read",
        openapi: {
          method: "GET",
          path: "/admin/orders",
          tags: ["Back office"],
          summary: "Every order, paged",
          protect: true,
        },
      })
      .input(
        adminTableInput(["createdAt", "total", "status"], "createdAt").extend({ status: orderStatusInput.optional() }),
      )
      .query(({ ctx, input }) => adminListOrders(ctx, input)),
    setStatus: staffProcedure
      .meta({
        scope: "backoffice:write",
        openapi: {
          method: "PUT",
          path: "/admin/orders/{orderId}/status",
          tags: ["Back office"],
          summary: "Move an order along its lifecycle",
          protect: true,
        },
      })
      .input(z.strictObject({ orderId: idInput, status: orderStatusInput }))
      .mutation(({ ctx, input }) => setOrderStatus(ctx, input)),
    /** New orders as shoppers place them (server-sent events, resumable): the back office's notices. */
    live: staffProcedure
      .meta({ scope: "backoffice:read" })
      .input(liveInput)
      .subscription(({ ctx, input, signal }) => watchNewOrders(ctx, { lastEventId: input.lastEventId, signal })),
  }),
  users: createTRPCRouter({
    list: adminProcedure
      .meta({
        scope: "backoffice:read",
        openapi: {
          method: "GET",
          path: "/admin/users",
          tags: ["Back office"],
          summary: "Users (admins only)",
          protect: true,
        },
      })
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
      .meta({
        scope: "backoffice:read",
        openapi: {
          method: "GET",
          path: "/admin/reviews",
          tags: ["Back office"],
          summary: "Reviews for moderation",
          protect: true,
        },
      })
      .input(
        adminTableInput(["createdAt", "rating", "sentiment"], "createdAt").extend({ hidden: z.boolean().optional() }),
      )
      .query(({ ctx, input }) => adminListReviews(ctx, input)),
    setHidden: staffProcedure
      .meta({
        scope: "backoffice:write",
        openapi: {
          method: "PUT",
          path: "/admin/reviews/{reviewId}/hidden",
          tags: ["Back office"],
          summary: "Hide or show a review",
          protect: true,
        },
      })
      .input(z.strictObject({ reviewId: idInput, hidden: z.boolean() }))
      .mutation(({ ctx, input }) => setReviewHidden(ctx, input)),
  }),
  support: supportAdminRouter,
  assistant: createTRPCRouter({
    /** Refused and rated-down answers, each refused one checked against today's help content. */
    list: staffProcedure
      .meta({
        scope: "backoffice:read",
        openapi: {
          method: "GET",
          path: "/admin/assistant/answers",
          tags: ["Back office"],
          summary: "Refused and rated-down answers",
          protect: true,
        },
      })
      .input(listAssistantReviewInput)
      .query(({ ctx, input }) => listAssistantReview(ctx, input)),
  }),
  audit: createTRPCRouter({
    list: staffProcedure
      .meta({
        scope: "backoffice:read",
        openapi: {
          method: "GET",
          path: "/admin/audit-log",
          tags: ["Back office"],
          summary: "The audit log of every write",
          protect: true,
        },
      })
      .input(
        z.strictObject({
          page: pageInput,
          entity: z.enum(auditEntities).optional(),
          // A row id, or a queue's name (jobs console entries: "mail.welcome.dead").
          entityId: text({ max: 100 })
            .regex(/^[A-Za-z0-9._-]+$/, { error: "Not a valid id." })
            .optional(),
          correlationId: text({ max: 128 }).optional(),
        }),
      )
      .query(({ ctx, input }) => listAuditLog(ctx, input)),
  }),
});
