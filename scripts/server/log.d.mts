// Types of ./log.mjs for the app (src/lib/log.ts) and the tests.
import type { Logger, LoggerOptions } from 'pino';

export const SECRET_FIELDS: string[];
export function isSecretField(name: string): boolean;
export const REDACTED: string;
export function scrub<T>(text: T): T;
export function parseLevel(value: string | undefined): string;
export function wantsPretty(env?: NodeJS.ProcessEnv): boolean;
export function logOptions(env?: NodeJS.ProcessEnv): LoggerOptions;
export function createLogger(options?: { destination?: { write(line: string): unknown }; env?: NodeJS.ProcessEnv }): Logger;
export function rootLogger(): Logger;
export function moduleLogger(module: string): Logger;
export function printNotice(text: string): void;
export function routeConsole(log?: Logger): void;
