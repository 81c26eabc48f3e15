import { z } from "@/lib/shared/schemas/zod";

export const usernameSchema = z
  .string({ error: "Username is required" })
  .trim()
  .toLowerCase()
  .min(3, "Username must be at least 3 characters")
  .max(20, "Username must be at most 20 characters")
  .regex(/^[a-z0-9_]+$/, "Username may only use letters a–z, digits 0–9 and _");

export const displayNameSchema = z
  .string({ error: "Display name is required" })
  .trim()
  .min(1, "Display name is required")
  .max(32, "Display name must be at most 32 characters");

export const passwordSchema = z
  .string({ error: "Password is required" })
  .min(8, "Password must be at least 8 characters")
  .max(200, "Password must be at most 200 characters");

export const signUpSchema = z.object({
  username: usernameSchema,
  displayName: displayNameSchema,
  password: passwordSchema,
});
export type SignUpInput = z.infer<typeof signUpSchema>;

/** Login checks shape only; which part was wrong is never revealed. */
export const signInSchema = z.object({
  username: z.string().trim().toLowerCase().min(1, "Enter your username").max(20, "Wrong username or password"),
  password: z.string().min(1, "Enter your password").max(200, "Wrong username or password"),
});
export type SignInInput = z.infer<typeof signInSchema>;
