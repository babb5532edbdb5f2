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
  list: protectedProcedure.meta({ scope: "webhooks:manage" }).query(({ ctx }) => listWebhookEndpoints(ctx)),
  /** Returns the endpoint and its signing secret, shown this once. */
  create: protectedProcedure
    .meta({ scope: "webhooks:manage" })
    .input(createWebhookEndpointInput)
    .mutation(({ ctx, input }) => createWebhookEndpoint(ctx, input)),
  update: protectedProcedure
    .meta({ ownerScoped: "owner-only", scope: "webhooks:manage" })
    .input(updateWebhookEndpointInput)
    .mutation(({ ctx, input }) => updateWebhookEndpoint(ctx, input)),
  setEnabled: protectedProcedure
    .meta({ ownerScoped: "owner-only", scope: "webhooks:manage" })
    .input(setWebhookEndpointEnabledInput)
    .mutation(({ ctx, input }) => setWebhookEndpointEnabled(ctx, input)),
  /** A new signing secret, effective at once, shown this once. */
  rollSecret: protectedProcedure
    .meta({ ownerScoped: "owner-only", scope: "webhooks:manage" })
    .input(webhookEndpointIdInput)
    .mutation(({ ctx, input }) => rollWebhookSecret(ctx, input)),
  delete: protectedProcedure
    .meta({ ownerScoped: "owner-only", scope: "webhooks:manage" })
    .input(webhookEndpointIdInput)
    .mutation(({ ctx, input }) => deleteWebhookEndpoint(ctx, input)),
  deliveries: protectedProcedure
    .meta({ ownerScoped: "owner-only", scope: "webhooks:manage" })
    .input(listWebhookDeliveriesInput)
    .query(({ ctx, input }) => listWebhookDeliveries(ctx, input)),
  resend: protectedProcedure
    .meta({ ownerScoped: "owner-only", scope: "webhooks:manage" })
    .input(webhookDeliveryIdInput)
    .mutation(({ ctx, input }) => resendWebhookDelivery(ctx, input)),
  sendTest: protectedProcedure
    .meta({ ownerScoped: "owner-only", scope: "webhooks:manage" })
    .input(webhookEndpointIdInput)
    .mutation(({ ctx, input }) => sendWebhookTest(ctx, input)),
});
