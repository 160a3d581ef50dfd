export type TestDatabaseProvider = "sqlite" | "postgresql";
export interface TestDatabase {
  provider: TestDatabaseProvider;
  url: string;
  file: string | null;
  reset(): void;
  drop(): void;
}
export function testDatabaseProvider(env?: NodeJS.ProcessEnv): TestDatabaseProvider;
export function testDatabase(name: string, env?: NodeJS.ProcessEnv): TestDatabase;
export function migratedTestDatabase(name: string, env?: NodeJS.ProcessEnv): TestDatabase;
export function copyOfTestDatabase(url: string): string;
export function dropCopiesOf(url: string): void;
export function sealTemplate(url: string): void;
