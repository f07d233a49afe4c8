// Types of ./node-support.mjs for the TypeScript tests that check it.
export const NODE_END_OF_LIFE: Record<number, string>;
export const RECOMMENDED_NODE: number;
export function nodeSupportWarning(version: string, today: string): string | null;
