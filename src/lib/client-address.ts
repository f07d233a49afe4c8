/**
 * The client's address for throttling and logs. The right-most X-Forwarded-For entry is the one
 * added by the hop nearest to us (Next's own server, or the operator's proxy), so a client cannot
 * choose it by sending its own header. Behind N trusted proxies set TRUSTED_PROXY_HOPS=N.
 */
export function clientAddressFrom(headers: Headers): string | null {
  const forwarded = headers
    .get('x-forwarded-for')
    ?.split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  if (forwarded && forwarded.length > 0) {
    const hops = Math.max(0, Number.parseInt(process.env.TRUSTED_PROXY_HOPS ?? '0', 10) || 0);
    const index = Math.max(0, forwarded.length - 1 - hops);
    return (forwarded[index] ?? '').slice(0, 64) || null;
  }
  return headers.get('x-real-ip')?.slice(0, 64) ?? null;
}
