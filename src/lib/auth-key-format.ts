/** The 認証キー's printed form: groups of 4-4-2 (the domain's rules are in domain/guarantees/auth-key.ts). */
const GROUPS = [4, 4, 2];

/** `7KQ4XM9PWA` → `7KQ4-XM9P-WA`. */
export function formatAuthKey(key: string): string {
  const parts: string[] = [];
  let at = 0;
  for (const size of GROUPS) {
    parts.push(key.slice(at, at + size));
    at += size;
  }
  return parts.filter(Boolean).join('-');
}
