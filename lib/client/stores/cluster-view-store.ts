"use client";
import { create } from "zustand";
import { persist } from "zustand/middleware";

/** Polling choices of the Cluster pages (ms). The server samples every 10 s whatever is chosen here. */
export const POLL_CHOICES = [2_000, 5_000, 10_000, 30_000, 60_000] as const;
export type PollInterval = (typeof POLL_CHOICES)[number];

export const SERIES_WINDOWS = [5, 15, 60, 360, 1440] as const;
export type SeriesWindow = (typeof SERIES_WINDOWS)[number];

interface ClusterViewState {
  pollMs: PollInterval;
  paused: boolean;
  /** Minutes of history on the group charts (beyond 15 min it comes from the stored history). */
  seriesMinutes: SeriesWindow;
  topicFilter: string;
  problemTopicsOnly: boolean;
  setPollMs: (ms: PollInterval) => void;
  setPaused: (paused: boolean) => void;
  setSeriesMinutes: (minutes: SeriesWindow) => void;
  setTopicFilter: (filter: string) => void;
  setProblemTopicsOnly: (only: boolean) => void;
}

/** UI state only (never server data): how often to poll, whether paused, filters. */
export const useClusterViewStore = create<ClusterViewState>()(
  persist(
    (set) => ({
      pollMs: 5_000,
      paused: false,
      seriesMinutes: 15,
      topicFilter: "",
      problemTopicsOnly: false,
      setPollMs: (pollMs) => set({ pollMs }),
      setPaused: (paused) => set({ paused }),
      setSeriesMinutes: (seriesMinutes) => set({ seriesMinutes }),
      setTopicFilter: (topicFilter) => set({ topicFilter }),
      setProblemTopicsOnly: (problemTopicsOnly) => set({ problemTopicsOnly }),
    }),
    { name: "ripcord-cluster-view", partialize: (s) => ({ pollMs: s.pollMs, paused: s.paused, seriesMinutes: s.seriesMinutes, problemTopicsOnly: s.problemTopicsOnly }) },
  ),
);

export function isPollInterval(value: number): value is PollInterval {
  return (POLL_CHOICES as readonly number[]).includes(value);
}
