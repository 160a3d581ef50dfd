import { z } from "zod";
import { TOKEN_KINDS } from "@/lib/domain/auth/access";
import { ROLES } from "@/lib/domain/auth/roles";

export const Email = z.string().trim().toLowerCase().email("must be an email address").max(200);
export const Password = z.string().min(10, "must be at least 10 characters").max(200);

export const SignInBody = z.object({ email: Email, password: z.string().min(1, "is required").max(200) });
export type SignInBody = z.infer<typeof SignInBody>;

const NewAccount = z.object({ email: Email, name: z.string().trim().min(1, "is required").max(100), password: Password });
export const SetupBody = NewAccount.extend({
  setupCode: z.string().trim().max(64).optional().describe("needed from any machine but the server's own: the code the server prints on its console until the first admin exists"),
});
export type SetupBody = z.infer<typeof SetupBody>;

export const RoleName = z.enum(ROLES);

export const CreateUserBody = NewAccount.extend({ role: RoleName });
export type CreateUserBody = z.infer<typeof CreateUserBody>;

export const TokenKindName = z.enum(TOKEN_KINDS);

const tokenName = z.string().trim().min(1, "is required").max(100);

/** kind defaults to personal: the token belongs to its creator and acts as them. */
export const CreateTokenBody = z.object({ name: tokenName, role: RoleName, kind: TokenKindName.default("personal") });
export type CreateTokenBody = z.input<typeof CreateTokenBody>;

export const TokenParams = z.object({ id: z.string().min(1).max(64) });
export const UserParams = z.object({ id: z.string().min(1).max(64) });

const PersonRef = z.object({ id: z.string(), name: z.string() });

/** Emails are shown to admins only; everybody else sees names. */
export const UserView = z.object({ id: z.string(), email: z.string().nullable(), name: z.string(), role: RoleName, disabled: z.boolean() });
export type UserView = z.infer<typeof UserView>;

export const CreatedTokenView = z.object({ id: z.string(), token: z.string(), name: z.string(), role: RoleName, kind: TokenKindName });
export type CreatedTokenView = z.infer<typeof CreatedTokenView>;

export const ApiTokenView = z.object({
  id: z.string(),
  name: z.string(),
  kind: TokenKindName,
  role: RoleName,
  owner: PersonRef.nullable(),
  createdBy: PersonRef.nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revokedBy: PersonRef.nullable(),
});
export type ApiTokenView = z.infer<typeof ApiTokenView>;

export const UpdateUserBody = z
  .object({ role: RoleName.optional(), disabled: z.boolean().optional(), name: z.string().trim().min(1).max(100).optional() })
  .refine((b) => b.role !== undefined || b.disabled !== undefined || b.name !== undefined, "name a role, disabled or name to change");
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;

export const SetPasswordBody = z.object({ password: Password });
export type SetPasswordBody = z.infer<typeof SetPasswordBody>;

export const ChangeOwnPasswordBody = z.object({ currentPassword: z.string().min(1, "is required").max(200), newPassword: Password });
export type ChangeOwnPasswordBody = z.infer<typeof ChangeOwnPasswordBody>;
