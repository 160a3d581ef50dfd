import type { ReactNode } from "react";

export function EmptyState({ title, children, testId }: { title: string; children?: ReactNode; testId?: string }) {
  return (
    <div data-testid={testId} className="rounded-lg border border-dashed border-border bg-surface px-6 py-12 text-center">
      <p className="text-base font-semibold">{title}</p>
      {children ? <div className="mx-auto mt-2 max-w-xl text-sm text-muted">{children}</div> : null}
    </div>
  );
}
