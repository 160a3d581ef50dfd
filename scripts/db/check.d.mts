export const PG_BASELINE: string;
export function layoutProblems(): string[];
export function pulledSchema(url: string): { dir: string; file: string };
export function migrationDrift(url: string): string;
export function pendingMigrationSql(url: string): string;
export function migratedSqlite(): { url: string; cleanup(): void };
