/** Chart windows (minutes) the Cluster, group and broker charts offer; beyond the in-memory window the series come from the stored history. */
export const CHART_WINDOWS = [5, 15, 30, 60, 360, 1440] as const;
export type ChartWindow = (typeof CHART_WINDOWS)[number];

export const CHART_WINDOW_LABEL: Record<ChartWindow, string> = { 5: "5 min", 15: "15 min", 30: "30 min", 60: "1 h", 360: "6 h", 1440: "24 h" };

/** The group page's default window; the incident's commander summary reads the same, so both share one cached read. */
export const GROUP_WINDOW_MINUTES = 15;
/** The Cluster page's broker charts' default window. */
export const BROKER_WINDOW_MINUTES = 30;
