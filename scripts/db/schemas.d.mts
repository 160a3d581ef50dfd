export const projectRoot: string;
export const SQLITE_SCHEMA: string;
export const SQLITE_MIGRATIONS: string;
export const PG_SCHEMA: string;
export const PG_MIGRATIONS: string;
export const PG_CLIENT_PACKAGE: string;
export function postgresSchemaFrom(source: string): string;
export function readPostgresSchemaFromSource(): string;
export function migrationNames(dir: string): string[];
