/**
 * The internal headers in which the portal's front (scripts/server/front.mjs, decision 042) passes the
 * client's address: the TCP peer's, or behind TRUSTED_PROXY_HOPS trusted proxies the address they
 * vouch for. The front deletes any copy the client sent, and proves it set them with FRONT_HEADER,
 * which carries this process's PORTAL_FRONT_SECRET. Nothing a client writes in its headers
 * (X-Forwarded-For included) chooses the address that throttling and 照会記録 use.
 */
export const CLIENT_ADDRESS_HEADER = 'x-portal-client-address';
export const FRONT_HEADER = 'x-portal-front';

function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i += 1) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/**
 * The client's address for throttling and logs, or null when the app runs without the front (`next
 * start`, `next dev`: no secret) or the proof is missing: then no per-address budget applies, while
 * the per-account, per-organisation and per-number ones do.
 */
export function clientAddressFrom(headers: Headers): string | null {
  const secret = process.env.PORTAL_FRONT_SECRET;
  const proof = headers.get(FRONT_HEADER);
  if (!secret || !proof || !sameText(proof, secret)) return null;
  return headers.get(CLIENT_ADDRESS_HEADER)?.slice(0, 64) || null;
}
