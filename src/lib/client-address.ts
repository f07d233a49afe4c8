/**
 * The internal header in which the portal's front (scripts/server/front.mjs, decision 042) passes the
 * client's address: the TCP peer's, or behind TRUSTED_PROXY_HOPS trusted proxies the address they
 * vouch for. The front deletes any copy the client sent, so nothing a client writes in its headers
 * (X-Forwarded-For included) chooses the address that throttling and 照会記録 use.
 */
export const CLIENT_ADDRESS_HEADER = 'x-portal-client-address';

/**
 * The client's address for throttling and logs, or null when the app runs without the front
 * (`next dev`): then every request shares the unknown address's budgets.
 */
export function clientAddressFrom(headers: Headers): string | null {
  return headers.get(CLIENT_ADDRESS_HEADER)?.slice(0, 64) || null;
}
