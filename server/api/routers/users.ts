import { changePasswordInput, profileOutput, updateProfileInput } from "../../users/users.schemas";
import { changePassword, requireProfile, updateProfile } from "../../users/users.service";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const usersRouter = createTRPCRouter({
  me: protectedProcedure
    .meta({
      scope: "profile:read",
      openapi: { method: "GET", path: "/me", tags: ["Account"], summary: "The caller's profile", protect: true },
    })
    .output(profileOutput)
    .query(({ ctx }) => requireProfile(ctx)),
  updateProfile: protectedProcedure.input(updateProfileInput).mutation(({ ctx, input }) => updateProfile(ctx, input)),
  /** Revokes every session of the account, this one included: the client signs in again. */
  changePassword: protectedProcedure
    .input(changePasswordInput)
    .mutation(({ ctx, input }) => changePassword(ctx, input)),
});
