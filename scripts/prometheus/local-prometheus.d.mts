export { UsageError } from "../kafka/local-kafka.mjs";
export interface PrometheusSettings {
  port: number;
  scrapeInterval: string;
  binary: string;
  dir: string;
  startTimeoutMs: number;
}
export interface ScrapeTarget {
  address: string;
  labels: Record<string, string>;
}
export function prometheusSettings(env?: Record<string, string | undefined>): PrometheusSettings;
export function prometheusUrl(settings: PrometheusSettings): string;
export function missingBinaryMessage(settings: PrometheusSettings): string;
export function prometheusAvailable(settings: PrometheusSettings): boolean;
export function localTargets(bootstrap: string): ScrapeTarget[];
export function localKafkaTargets(env?: Record<string, string | undefined>): ScrapeTarget[];
export function runningPrometheus(settings: PrometheusSettings): { pid: number; url: string } | null;
export function startPrometheus(settings: PrometheusSettings, targets: ScrapeTarget[], log?: (message: string) => void): Promise<{ started: boolean; url: string }>;
export function stopPrometheus(settings: PrometheusSettings, options?: { clean?: boolean; signal?: NodeJS.Signals }, log?: (message: string) => void): Promise<boolean>;
export function waitForTargetsUp(url: string, count: number, timeoutMs?: number): Promise<void>;
