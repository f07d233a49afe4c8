import { clientAddressFrom } from './client-address';

/**
 * Who made a request, for the front's one log line per request (scripts/server/front.mjs, decision
 * 053). The front sees every request and its end but not the session; the app knows the caller but
 * not when the response has gone. They share one process: for each request the front puts an empty
 * record in a map on globalThis under the request id it passes in X-Request-Id, the app fills it in
 * when it has resolved the caller, and the front reads and deletes it when the response is done. The
 * app only fills records the front made (with the front's proof, as for the client address): a request
 * the front did not see (`next dev`, a test) or a forged id leaves nothing behind.
 */
export const REQUEST_ID_HEADER = 'x-request-id';
export const REQUEST_CALLERS = Symbol.for('portal.requestCallers');

/** What the request line says about its caller: a signed-in user's id and side, or an API token's id. */
export interface RequestCaller {
  side: 'contractor' | 'orderer' | 'admin' | 'api';
  userId?: string;
  tokenId?: string;
}

type Holder = { [REQUEST_CALLERS]?: Map<string, Partial<RequestCaller>> };

export function noteRequestCaller(headers: Headers, caller: RequestCaller): void {
  if (clientAddressFrom(headers) === null) return; // not through the front, or its proof is missing
  const id = headers.get(REQUEST_ID_HEADER);
  const record = id ? (globalThis as Holder)[REQUEST_CALLERS]?.get(id) : undefined;
  if (record) Object.assign(record, caller);
}
