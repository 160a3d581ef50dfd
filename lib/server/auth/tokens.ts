import "server-only";
import { createHash, randomBytes } from "node:crypto";

export const API_TOKEN_PREFIX = "rpc_";

export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

export function newSecret(prefix = ""): string {
  return prefix + randomBytes(32).toString("base64url");
}
