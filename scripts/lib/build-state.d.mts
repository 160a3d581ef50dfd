export function distDir(): string;
/** Why the production build must be redone ("no production build yet", …), or null when current. */
export function buildIsStale(root: string): string | null;
