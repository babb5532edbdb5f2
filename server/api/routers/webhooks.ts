import {
  createWebhookEndpointInput,
  listWebhookDeliveriesInput,
  setWebhookEndpointEnabledInput,
  updateWebhookEndpointInput,
  webhookDeliveryIdInput,
  webhookEndpointIdInput,
} from "../../webhooks/webhooks.schemas";
import {
  listWebhookDeliveries,
  resendWebhookDelivery,
  sendWebhookTest,
} from "../../webhooks/webhook-deliveries.service";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  listWebhookEndpoints,
  rollWebhookSecret,
  setWebhookEndpointEnabled,
  updateWebhookEndpoint,
} from "../../webhooks/webhooks.service";
import { createTRPCRouter, protectedProcedure } from "../trpc";

/** The caller's webhook endpoints and their deliveries (ADR 019). Staff get no access to others'. */
export const webhooksRouter = createTRPCRouter({
  list: protectedProcedure
    .meta({
      scope: "webhooks:manage",
      openapi: {
        method: "GET",
        path: "/webhooks/endpoints",
        tags: ["Webhooks"],
        summary: "List your webhook endpoints",
        protect: true,
      },
    })
    .query(({ ctx }) => listWebhookEndpoints(ctx)),
  /** Returns the endpoint and its signing secret, shown this once. */
  create: protectedProcedure
    .meta({
      scope: "webhooks:manage",
      openapi: {
        method: "POST",
        path: "/webhooks/endpoints",
        tags: ["Webhooks"],
        summary: "Register a webhook endpoint (its signing secret is returned once)",
        protect: true,
      },
    })
    .input(createWebhookEndpointInput)
    .mutation(({ ctx, input }) => createWebhookEndpoint(ctx, input)),
  update: protectedProcedure
    .meta({
      ownerScoped: "owner-only",
      scope: "webhooks:manage",
      openapi: {
        method: "PATCH",
        path: "/webhooks/endpoints/{endpointId}",
        tags: ["Webhooks"],
        summary: "Change an endpoint's URL, events or description",
        protect: true,
      },
    })
    .input(updateWebhookEndpointInput)
    .mutation(({ ctx, input }) => updateWebhookEndpoint(ctx, input)),
  setEnabled: protectedProcedure
    .meta({
      ownerScoped: "owner-only",
      scope: "webhooks:manage",
      openapi: {
        method: "PUT",
        path: "/webhooks/endpoints/{endpointId}/enabled",
        tags: ["Webhooks"],
        summary: "Enable or disable an endpoint",
        protect: true,
      },
    })
    .input(setWebhookEndpointEnabledInput)
    .mutation(({ ctx, input }) => setWebhookEndpointEnabled(ctx, input)),
  /** A new signing secret, effective at once, shown this once. */
  rollSecret: protectedProcedure
    .meta({
      ownerScoped: "owner-only",
      scope: "webhooks:manage",
      openapi: {
        method: "POST",
        path: "/webhooks/endpoints/{endpointId}/roll-secret",
        tags: ["Webhooks"],
        summary: "Replace an endpoint's signing secret",
        protect: true,
      },
    })
    .input(webhookEndpointIdInput)
    .mutation(({ ctx, input }) => rollWebhookSecret(ctx, input)),
  delete: protectedProcedure
    .meta({
      ownerScoped: "owner-only",
      scope: "webhooks:manage",
      openapi: {
        method: "DELETE",
        path: "/webhooks/endpoints/{endpointId}",
        tags: ["Webhooks"],
        summary: "Delete an endpoint and its deliveries",
        protect: true,
      },
    })
    .input(webhookEndpointIdInput)
    .mutation(({ ctx, input }) => deleteWebhookEndpoint(ctx, input)),
  deliveries: protectedProcedure
    .meta({
      ownerScoped: "owner-only",
      scope: "webhooks:manage",
      openapi: {
        method: "GET",
        path: "/webhooks/endpoints/{endpointId}/deliveries",
        tags: ["Webhooks"],
        summary: "An endpoint's deliveries, newest first",
        protect: true,
      },
    })
    .input(listWebhookDeliveriesInput)
    .query(({ ctx, input }) => listWebhookDeliveries(ctx, input)),
  resend: protectedProcedure
    .meta({
      ownerScoped: "owner-only",
      scope: "webhooks:manage",
      openapi: {
        method: "POST",
        path: "/webhooks/deliveries/{deliveryId}/resend",
        tags: ["Webhooks"],
        summary: "Send a delivery again",
        protect: true,
      },
    })
    .input(webhookDeliveryIdInput)
    .mutation(({ ctx, input }) => resendWebhookDelivery(ctx, input)),
  sendTest: protectedProcedure
    .meta({
      ownerScoped: "owner-only",
      scope: "webhooks:manage",
      openapi: {
        method: "POST",
        path: "/webhooks/endpoints/{endpointId}/test",
        tags: ["Webhooks"],
        summary: "Send a test (ping) event",
        protect: true,
      },
    })
    .input(webhookEndpointIdInput)
    .mutation(({ ctx, input }) => sendWebhookTest(ctx, input)),
});
