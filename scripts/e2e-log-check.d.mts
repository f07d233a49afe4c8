// Types of ./e2e-log-check.mjs for its test.
export function runDir(port?: string): string;
export function checkRun(dir?: string): { problems: string[]; summary: string };
