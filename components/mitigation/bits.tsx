"use client";
import type { BlastLevel, PreconditionStatus } from "@/lib/domain/mitigation/types";

const TONE = { ok: "border-ok text-ok", warn: "border-warn text-warn", bad: "border-bad text-bad", muted: "border-border text-muted", accent: "border-accent text-accent" } as const;
export type Tone = keyof typeof TONE;

export function Pill({ tone, children, testId }: { tone: Tone; children: React.ReactNode; testId?: string }) {
  return <span data-testid={testId} className={`inline-flex items-center rounded-full border px-2 py-0.5 text-xs font-semibold ${TONE[tone]}`}>{children}</span>;
}

export const BLAST_TONE: Record<BlastLevel, Tone> = { low: "ok", medium: "warn", high: "bad" };
export const PRE_TONE: Record<PreconditionStatus | "pending", Tone> = { pass: "ok", warn: "warn", fail: "bad", unknown: "muted", pending: "muted" };
export const PRE_ICON: Record<PreconditionStatus | "pending", string> = { pass: "✓", warn: "!", fail: "✗", unknown: "?", pending: "…" };

export function BlastPill({ level, why }: { level: BlastLevel; why: string }) {
  return (
    <span title={why}>
      <Pill tone={BLAST_TONE[level]}>blast radius: {level}</Pill>
    </span>
  );
}

export const buttonClass = (tone: "primary" | "plain" | "danger" = "plain") =>
  `rounded-md border px-2.5 py-1 text-xs font-semibold focus:outline-none focus-visible:ring-2 focus-visible:ring-accent disabled:opacity-50 ${
    tone === "primary" ? "border-accent bg-accent text-bg" : tone === "danger" ? "border-bad text-bad hover:bg-surface-2" : "border-border text-fg hover:bg-surface-2"
  }`;

export const inputClass = "rounded-md border border-border bg-surface px-2 py-1 text-sm text-fg focus:outline-none focus-visible:ring-2 focus-visible:ring-accent";
