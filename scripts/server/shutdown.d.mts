// Types of ./shutdown.mjs for the TypeScript tests that drive it.
import type { Server } from 'node:http';

export const STOPPING: unique symbol;
export const STOP_HOOKS: unique symbol;
export const BACKGROUND: unique symbol;
export const STOP_DEADLINE_MS: number;
export const CLOSE_MARGIN_MS: number;
export const MAX_DRAIN_SECONDS: number;
export function parseDrain(value: string | undefined): number;
export interface StopLog {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
}
export interface StopOptions {
  log: StopLog;
  exit?: (code: number) => void;
  deadlineMs?: number;
  drainMs?: number;
  closeMarginMs?: number;
}
export function gracefulStop(server: Server, options: StopOptions): { stop(signal: string): Promise<void>; inFlight(): number };
export function stopOnSignals(server: Server, options: StopOptions): (signal: string) => Promise<void>;
