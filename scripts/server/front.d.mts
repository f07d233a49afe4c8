// Types of ./front.mjs for the TypeScript tests that drive it.
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';

export const CLIENT_ADDRESS_HEADER: string;
export const FRONT_HEADER: string;
export const PUBLIC_PREFIXES: string[];
export interface Limit {
  points: number;
  seconds: number;
}
export const PUBLIC_LIMIT_DEFAULT: Limit;
export const TEXTS: {
  badPathTitle: string;
  badPathBody: string;
  badPathApi: string;
  throttledTitle: string;
  throttledBody: (seconds: number) => string;
  throttledApi: (seconds: number) => string;
  home: string;
};
export function normalizeAddress(value: unknown): string | null;
export function clientAddress(peer: string | undefined, forwardedFor: string | string[] | undefined, hops: number): string | null;
export function pathDecodes(rawUrl: string): boolean;
export function decodedPath(rawUrl: string): string | null;
export function budgetKey(address: string | null): string;
export function parseLimit(value: string | undefined): Limit | null;
export function parseHops(value: string | undefined): number;
export interface FrontOptions {
  hops?: number;
  limit?: Limit | null;
  /** This process's PORTAL_FRONT_SECRET: without it no address is passed on. */
  secret?: string | null;
  log?: (line: string) => void;
}
export function frontHandler(handle: (req: IncomingMessage, res: ServerResponse) => unknown, options?: FrontOptions): RequestListener;
export function createFrontServer(handle: (req: IncomingMessage, res: ServerResponse) => unknown, options?: FrontOptions): Server;
