import "server-only";
import type { CreateUserBody, UserView } from "@/lib/schemas/auth";
import { db, isPrismaError } from "../db";
import { AppError } from "../http/errors";
import { toUserView } from "./list-users";
import { hashPassword } from "./password";

export async function createUser(input: CreateUserBody): Promise<UserView> {
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await db().user.create({ data: { email: input.email, name: input.name, role: input.role, passwordHash } });
    return toUserView(user, { withEmail: true }) as UserView;
  } catch (error) {
    if (isPrismaError(error, "P2002")) {
      throw new AppError("CONFLICT", `a user with email ${input.email} already exists`);
    }
    throw error;
  }
}
