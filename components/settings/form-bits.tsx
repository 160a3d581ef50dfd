"use client";
import { ROLES, ROLE_LABELS, type Role } from "@/lib/domain/auth/roles";
import { ApiError } from "@/lib/client/api";

export const input = "mt-1 w-full rounded-md border border-border bg-bg px-3 py-2 text-sm";
export const button = "rounded-md bg-accent px-3 py-2 text-sm font-semibold text-white disabled:opacity-60";
export const quiet = "rounded-md border border-border px-2.5 py-1 text-xs hover:border-accent disabled:opacity-60";
export const card = "space-y-3 rounded-lg border border-border bg-surface p-4";

/** The signed-in principal as the Settings panels need it. */
export interface Me {
  id: string;
  role: Role;
  isPerson: boolean;
}

export function RoleSelect({ name = "role", defaultValue, upTo, label }: { name?: string; defaultValue: Role; upTo?: Role; label?: string }) {
  const roles = upTo ? ROLES.slice(0, ROLES.indexOf(upTo) + 1) : ROLES;
  return (
    <select name={name} defaultValue={roles.includes(defaultValue) ? defaultValue : roles[roles.length - 1]} className={input} aria-label={label}>
      {roles.map((role) => (
        <option key={role} value={role}>
          {ROLE_LABELS[role]}
        </option>
      ))}
    </select>
  );
}

export function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.fieldErrors[0] ? `${error.fieldErrors[0].path.replace(/^body\./, "")}: ${error.fieldErrors[0].message}` : error.message;
  return "the request failed";
}

export function formValues(form: HTMLFormElement): Record<string, string> {
  return Object.fromEntries([...new FormData(form).entries()].map(([k, v]) => [k, String(v)]));
}
