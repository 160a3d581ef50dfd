export const PORT_OFFSET: number;
export function portOf(variable: string, base: number, env?: NodeJS.ProcessEnv | Record<string, string | undefined>): number;
