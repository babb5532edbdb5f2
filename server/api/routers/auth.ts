import { signUpInput } from "../../users/users.schemas";
import { registerUser } from "../../users/users.service";
import { createTRPCRouter, publicProcedure } from "../trpc";

export const authRouter = createTRPCRouter({
  signUp: publicProcedure.input(signUpInput).mutation(({ ctx, input }) => registerUser(ctx, input)),
});
