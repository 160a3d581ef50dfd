import { z } from "zod";
import { ROLES } from "@/lib/domain/auth/roles";

export const Email = z.string().trim().toLowerCase().email("must be an email address").max(200);
export const Password = z.string().min(10, "must be at least 10 characters").max(200);

export const SignInBody = z.object({ email: Email, password: z.string().min(1, "is required").max(200) });
export type SignInBody = z.infer<typeof SignInBody>;

export const SetupBody = z.object({ email: Email, name: z.string().trim().min(1, "is required").max(100), password: Password });
export type SetupBody = z.infer<typeof SetupBody>;

export const RoleName = z.enum(ROLES);

export const CreateUserBody = SetupBody.extend({ role: RoleName });
export type CreateUserBody = z.infer<typeof CreateUserBody>;

export const CreateTokenBody = z.object({ name: z.string().trim().min(1, "is required").max(100), role: RoleName });
export type CreateTokenBody = z.infer<typeof CreateTokenBody>;

export const UserView = z.object({ id: z.string(), email: z.string(), name: z.string(), role: RoleName });
export type UserView = z.infer<typeof UserView>;
