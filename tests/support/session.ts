import { randomUUID } from 'node:crypto';
import { getDb } from '@/db/client';
import { startSession } from '@/domain/auth/sessions';

/**
 * The seam for testing actions and route handlers: a test file mocks '@/auth/config' with this
 * module (`vi.mock('@/auth/config', () => import('../support/session'))`), so next-auth's auth()
 * answers the session set by signInAs. Everything behind it (the guard's database check of the
 * session row and the user, the use case's own check) is real: the first auth() after signInAs
 * starts a real session (a UserSession row) unless the test names one (`sessionId`).
 */
interface TestSession {
  userId: string;
  sessionVersion: number;
  role: string;
  sessionId?: string;
}
const state: { current: TestSession | null } = { current: null };

export function signInAs(user: { id: string; actor: { role: string } } | null, sessionVersion = 1, sessionId?: string) {
  state.current = user ? { userId: user.id, sessionVersion, role: user.actor.role, sessionId } : null;
}

export const auth = async () => {
  const current = state.current;
  if (current && current.sessionId === undefined) {
    const db = await getDb();
    // A forged token for a user that does not exist gets a session id that names no row.
    const exists = (await db.user.count({ where: { id: current.userId } })) > 0;
    current.sessionId = exists ? (await startSession(db, current.userId)).id : randomUUID();
  }
  return current;
};
export const signIn = async () => undefined;
export const signOut = async () => undefined;
export const handlers = {};
