import { z } from "zod";

export const emailInput = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "Enter a valid email address, like name@example.com." }).max(254));

export const passwordInput = z
  .string({ error: "Enter a password." })
  .min(10, { error: "Use at least 10 characters." })
  .max(200, { error: "Use at most 200 characters." });

export const displayNameInput = z
  .string()
  .trim()
  .min(1, { error: "Enter your name." })
  .max(80, { error: "Use at most 80 characters." });

export const signUpInput = z.strictObject({
  name: displayNameInput,
  email: emailInput,
  password: passwordInput,
});
export type SignUpInput = z.infer<typeof signUpInput>;

export const signInInput = z.strictObject({
  email: emailInput,
  password: z.string().min(1, { error: "Enter your password." }).max(200),
});
export type SignInInput = z.infer<typeof signInInput>;

export const updateProfileInput = z.strictObject({ name: displayNameInput });
export type UpdateProfileInput = z.infer<typeof updateProfileInput>;

/** What a user may see of their own account (never the password hash). */
export const profileSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  image: true,
  createdAt: true,
} as const;
