"use client";
import { useRouter } from "next/navigation";
import { apiFetch } from "@/lib/client/api";

export function UserMenu({ name, role }: { name: string; role: string }) {
  const router = useRouter();
  return (
    <div className="flex items-center gap-2 text-xs">
      <span className="whitespace-nowrap text-muted">
        <span className="font-semibold text-fg" data-testid="current-user">{name}</span> · {role}
      </span>
      <button
        type="button"
        className="whitespace-nowrap rounded-md border border-border px-2.5 py-1 text-muted hover:text-fg"
        onClick={async () => {
          await apiFetch("/api/auth/logout", { method: "POST" });
          router.push("/login");
          router.refresh();
        }}
      >
        Sign out
      </button>
    </div>
  );
}
