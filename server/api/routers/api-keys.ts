import { apiKeyIdInput, createApiKeyInput } from "../../users/api-keys.schemas";
import { createApiKey, listApiKeys, revokeApiKey } from "../../users/api-keys.service";
import { createTRPCRouter, protectedProcedure } from "../trpc";

/** The signed-in user's API keys. No scope: a key can neither see, mint nor revoke keys. */
export const apiKeysRouter = createTRPCRouter({
  list: protectedProcedure.query(({ ctx }) => listApiKeys(ctx)),
  create: protectedProcedure.input(createApiKeyInput).mutation(({ ctx, input }) => createApiKey(ctx, input)),
  revoke: protectedProcedure
    .meta({ ownerScoped: "owner-only" })
    .input(apiKeyIdInput)
    .mutation(({ ctx, input }) => revokeApiKey(ctx, input.apiKeyId)),
});
