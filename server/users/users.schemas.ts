import { z } from "zod";
import { text, textOutput, timeOutput } from "../inputs";

export const emailInput = text({ max: 254 })
  .toLowerCase()
  .pipe(z.email({ error: "Enter a valid email address, like name@example.com." }));

/** Not trimmed: spaces count in a password. */
export const passwordInput = text({ max: 200, trim: false }).min(10, { error: "Use at least 10 characters." });

export const displayNameInput = text({ max: 80 }).min(1, { error: "Enter your name." });

export const signUpInput = z.strictObject({
  name: displayNameInput,
  email: emailInput,
  password: passwordInput,
});
export type SignUpInput = z.infer<typeof signUpInput>;

export const signInInput = z.strictObject({
  email: emailInput,
  password: text({ max: 200, trim: false }).min(1, { error: "Enter your password." }),
});
export type SignInInput = z.infer<typeof signInInput>;

export const updateProfileInput = z.strictObject({ name: displayNameInput });
export type UpdateProfileInput = z.infer<typeof updateProfileInput>;

export const changePasswordInput = z.strictObject({
  currentPassword: signInInput.shape.password,
  newPassword: passwordInput,
});
export type ChangePasswordInput = z.infer<typeof changePasswordInput>;

/** What a user may see of their own account (never the password hash). */
export const profileSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  image: true,
  createdAt: true,
} as const;

export const profileOutput = z.object({
  id: textOutput,
  email: textOutput,
  name: textOutput.nullable(),
  role: z.enum(["CUSTOMER", "STAFF", "ADMIN"]),
  image: textOutput.nullable(),
  createdAt: timeOutput,
});
