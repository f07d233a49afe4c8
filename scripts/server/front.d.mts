// Types of ./front.mjs for the TypeScript tests that drive it.
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';

export const CLIENT_ADDRESS_HEADER: string;
export const FRONT_HEADER: string;
export const REQUEST_ID_HEADER: string;
export const REQUEST_CALLERS: unique symbol;
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
export function requestId(given: string | string[] | undefined, forwardedFor: string | string[] | undefined, hops: number): string;
export interface RoutesManifest {
  staticRoutes?: { page: string }[];
  dynamicRoutes?: { page: string; regex: string }[];
}
export function routeMatcher(manifest: RoutesManifest | null | undefined): (pathname: string) => string | null;
export interface RequestCallerFields {
  side?: string;
  userId?: string;
  tokenId?: string;
}
export interface RequestLineInput {
  id: string;
  method: string | undefined;
  path: string | null;
  route: string | null;
  status: number;
  ms: number;
  client: string | null;
  caller?: RequestCallerFields;
  aborted?: boolean;
  refused?: 'malformed-path' | 'throttled';
  prefetch?: boolean;
}
export interface RequestLine {
  reqId: string;
  method: string | undefined;
  route: string | null;
  path: string | null;
  status: number;
  ms: number;
  client: string | null;
  side?: string;
  userId?: string;
  tokenId?: string;
  prefetch?: true;
  refused?: string;
  aborted?: true;
}
export function requestLine(input: RequestLineInput): RequestLine;
export function budgetKey(address: string | null): string;
export function parseLimit(value: string | undefined): Limit | null;
export function parseHops(value: string | undefined): number;
export interface FrontOptions {
  hops?: number;
  limit?: Limit | null;
  /** This process's PORTAL_FRONT_SECRET: without it no address is passed on. */
  secret?: string | null;
  /** Each request's line, when its response is done. */
  log?: (line: RequestLine) => void;
  /** The route pattern of a decoded path (routeMatcher). */
  routeOf?: (pathname: string) => string | null;
}
export function frontHandler(handle: (req: IncomingMessage, res: ServerResponse) => unknown, options?: FrontOptions): RequestListener;
export function createFrontServer(handle: (req: IncomingMessage, res: ServerResponse) => unknown, options?: FrontOptions): Server;
