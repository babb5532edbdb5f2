import { updateProfileInput } from "../../users/users.schemas";
import { requireProfile, updateProfile } from "../../users/users.service";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const usersRouter = createTRPCRouter({
  me: protectedProcedure.query(({ ctx }) => requireProfile(ctx)),
  updateProfile: protectedProcedure.input(updateProfileInput).mutation(({ ctx, input }) => updateProfile(ctx, input)),
});
