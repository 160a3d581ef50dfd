import type { ReactNode } from "react";

export function AuthCard({ title, subtitle, children }: { title: string; subtitle: string; children: ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-xl border border-border bg-surface p-8 shadow-sm">
        <p className="mb-6 flex items-center gap-2 text-lg font-bold">
          <span aria-hidden className="inline-block h-3 w-3 rotate-45 bg-bad" /> Ripcord
        </p>
        <h1 className="text-xl font-bold">{title}</h1>
        <p className="mb-6 mt-1 text-sm text-muted">{subtitle}</p>
        {children}
      </div>
    </main>
  );
}
