import { NextResponse, type NextRequest } from 'next/server';
import { signInPath } from '@/domain/auth/return-path';

/** next-auth's session cookie (`__Secure-` over HTTPS; `.0`, `.1` … when it is split in chunks). */
const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;

/**
 * A browser opening a side's page with no session at all (a QR code scanned, a bookmark, a link in a
 * mail, a reload after the session ran out) goes to the sign-in page naming that page, so that signing
 * in brings it back there (src/domain/auth/return-path.ts). Only the way there is chosen here: whether
 * a session is valid, and whose side it may see, is checked by the guards as before (decision 037); a
 * cookie that is no longer valid gets the guards' plain sign-in page.
 */
function signInFirst(request: NextRequest): string | null {
  if (request.method !== 'GET' && request.method !== 'HEAD') return null;
  if (request.headers.get('sec-fetch-mode') !== 'navigate') return null;
  if (request.cookies.getAll().some((cookie) => SESSION_COOKIE.test(cookie.name))) return null;
  const target = signInPath(`${request.nextUrl.pathname}${request.nextUrl.search}`);
  return target === '/login' ? null : target;
}

/**
 * Security headers on every page: a per-request nonce CSP (Next applies the nonce to its own
 * scripts when it finds it in the request's CSP header), no framing, a strict referrer policy.
 * 'unsafe-eval' only in development, where React's dev tooling needs it.
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const dev = process.env.NODE_ENV === 'development';
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', csp);

  const signIn = signInFirst(request);
  const response = signIn ? NextResponse.redirect(new URL(signIn, request.nextUrl), 307) : NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', csp);
  response.headers.set('Referrer-Policy', 'same-origin');
  response.headers.set('X-Content-Type-Options', 'nosniff');
  response.headers.set('X-Frame-Options', 'DENY');
  response.headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
  return response;
}

export const config = {
  matcher: [
    {
      source: '/((?!_next/static|_next/image|favicon.ico).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
