/**
 * The seam for testing actions and route handlers: a test file mocks '@/auth/config' with this
 * module (`vi.mock('@/auth/config', () => import('../support/session'))`), so next-auth's auth()
 * answers the session set by signInAs. Everything behind it (the guard's database check, the use
 * case's own check) is real.
 */
const state: { current: { userId: string; sessionVersion: number; role: string } | null } = { current: null };

export function signInAs(user: { id: string; actor: { role: string } } | null, sessionVersion = 1) {
  state.current = user ? { userId: user.id, sessionVersion, role: user.actor.role } : null;
}

export const auth = async () => state.current;
export const signIn = async () => undefined;
export const signOut = async () => undefined;
export const handlers = {};
