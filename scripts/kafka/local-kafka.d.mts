export interface KafkaSettings {
  version: string;
  nodes: number;
  port: number;
  root: string;
  clusterDir: string;
  startTimeoutMs: number;
  heapMax: string;
}
export const projectRoot: string;
export const DEFAULT_KAFKA_VERSION: string;
export class UsageError extends Error {}
export function kafkaSettings(env?: Record<string, string | undefined>): KafkaSettings;
export function brokerPort(settings: KafkaSettings, nodeId: number): number;
export function saslPort(settings: KafkaSettings, nodeId: number): number;
export const SASL_USER: { username: string; password: string };
export function bootstrapServers(settings: KafkaSettings): string;
export function checkPrerequisites(): void;
export function brokerAnswers(port: number, timeoutMs?: number): Promise<boolean>;
export function runningCluster(settings: KafkaSettings): { version: string; nodes: number; alive: number[]; clusterId: string; exporter?: string } | null;
export function nodePid(settings: KafkaSettings, nodeId: number): number;
export function newClusterId(): string;
export function up(settings: KafkaSettings, log?: (message: string) => void): Promise<{ started: boolean; bootstrap: string }>;
export function down(settings: KafkaSettings, options?: { clean?: boolean }, log?: (message: string) => void): Promise<number>;
export function stopNode(settings: KafkaSettings, nodeId: number, options?: { signal?: NodeJS.Signals; timeoutMs?: number }): Promise<boolean>;
export function startNode(settings: KafkaSettings, nodeId: number): Promise<void>;
export function resolveClasspath(settings: KafkaSettings, log?: (message: string) => void): string;
export function registeredBrokers(port: number, timeoutMs?: number): Promise<number>;
export function bindFailureLine(settings: KafkaSettings, nodeId: number, logText: string): string | null;
export const JMX_EXPORTER_VERSION: string;
export const EXPORTER_PORT_SHIFT: number;
export function exporterPort(settings: KafkaSettings, nodeId: number): number;
export function exporterAddressOf(brokerAddress: string): string;
export function exporterAnswers(port: number, timeoutMs?: number): Promise<boolean>;
export function resolveJmxExporter(settings: KafkaSettings, log?: (message: string) => void): string;
