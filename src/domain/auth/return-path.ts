import type { Role } from '@/generated/prisma/enums';

/**
 * Where a signed-in user goes (pure; the sign-in action, the sign-in page, the guards and src/proxy.ts
 * share it). Each side has a home; a user sent to the sign-in page from a page of the portal comes back
 * to that page after signing in (`/login?callbackUrl=<path>`), but only to a page of their own side and
 * never to another site: anything else, or nothing, means the side's home.
 */

export const HOME_OF_ROLE: Record<Role, string> = { CONTRACTOR: '/contractor', ORDERER: '/orderer', ADMIN: '/admin' };

/** The query parameter of the sign-in page that names the page to come back to. */
export const RETURN_PARAM = 'callbackUrl';

const SIDE_HOMES = Object.values(HOME_OF_ROLE);

/** Only the origin matters: it stands for "this site" while a path is resolved. */
const HERE = 'http://portal.invalid';

/** `path` is `home` or below it (`/admin`, `/admin/users`, `/admin?x`, not `/administrator`). */
const under = (path: string, home: string) => path === home || path.startsWith(`${home}/`);

/**
 * A page of one of the three sides on this site, as a path with its query (`/orderer/lookup?number=…`),
 * or null. Refused: what is not a string, longer than 2,000 characters, anything with a space, a
 * control character, a backslash or a character outside printable ASCII (a browser sends a URL's
 * other characters percent-encoded), a URL with a scheme or a host (`https://…`, `//evil.example`,
 * `/\evil.example`), and a path that leaves the sides once resolved (`/admin/../login`).
 */
export function sidePath(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2000) return null;
  if (!/^\/[\x21-\x7e]*$/.test(raw) || raw.includes('\\') || raw.startsWith('//')) return null;
  let url: URL;
  try {
    url = new URL(raw, HERE);
  } catch {
    return null;
  }
  if (url.origin !== HERE) return null;
  if (!SIDE_HOMES.some((home) => under(url.pathname, home))) return null;
  return `${url.pathname}${url.search}`;
}

/** Where `role` goes after signing in: the page it was sent from when that is a page of its own side, else its home. */
export function landingPath(role: Role, raw: unknown): string {
  const home = HOME_OF_ROLE[role];
  const path = sidePath(raw);
  return path && under(new URL(path, HERE).pathname, home) ? path : home;
}

/** The sign-in page, naming `path` to come back to (when it is a side's page). */
export function signInPath(path: unknown): string {
  const back = sidePath(path);
  return back ? `/login?${RETURN_PARAM}=${encodeURIComponent(back)}` : '/login';
}
