export interface PgSettings {
  port: number;
  dir: string;
  dataDir: string;
  socketDir: string;
  logFile: string;
}
export const projectRoot: string;
export const PG_USER: string;
export const PG_DATABASE: string;
export class PgUsageError extends Error {}
export function pgBinDir(env?: NodeJS.ProcessEnv): string;
export function pgSettings(env?: NodeJS.ProcessEnv): PgSettings;
export function pgUrl(settings: PgSettings, database?: string): string;
export function isRunning(settings: PgSettings): boolean;
export function up(settings?: PgSettings, say?: (message: string) => void): Promise<{ started: boolean; url: string }>;
export function down(settings?: PgSettings, options?: { clean?: boolean }, say?: (message: string) => void): Promise<void>;
export function withDatabase(url: string, database: string): string;
export function freshDatabase(url: string, database: string): Promise<string>;
export function dropDatabase(url: string, database: string): Promise<void>;
