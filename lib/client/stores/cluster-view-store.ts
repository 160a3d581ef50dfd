"use client";
import { create } from "zustand";
import { persist } from "zustand/middleware";

/** Polling choices of the Cluster pages (ms). The server samples every 10 s whatever is chosen here. */
export const POLL_CHOICES = [2_000, 5_000, 10_000, 30_000, 60_000] as const;
export type PollInterval = (typeof POLL_CHOICES)[number];

interface ClusterViewState {
  pollMs: PollInterval;
  paused: boolean;
  setPollMs: (ms: PollInterval) => void;
  setPaused: (paused: boolean) => void;
}

/**
 * UI preferences only (never server data, never what a link should keep): how often the Cluster
 * pages poll and whether paused. Filters and chart windows live in the URL (issue 18).
 */
export const useClusterViewStore = create<ClusterViewState>()(
  persist(
    (set) => ({
      pollMs: 5_000,
      paused: false,
      setPollMs: (pollMs) => set({ pollMs }),
      setPaused: (paused) => set({ paused }),
    }),
    { name: "ripcord-cluster-view", partialize: (s) => ({ pollMs: s.pollMs, paused: s.paused }) },
  ),
);

export function isPollInterval(value: number): value is PollInterval {
  return (POLL_CHOICES as readonly number[]).includes(value);
}
