export const HUNKS: { name: string; marker: string }[];
export function patchAdapterSource(source: string): { source: string; missing?: undefined } | { missing: string[]; source?: undefined };
export function adapterFiles(base?: string): string[];
