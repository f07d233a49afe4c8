import 'server-only';
import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { getDb } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { resolveSession } from '@/domain/auth/sessions';
import { AppError } from '@/domain/errors';
import type { Role } from '@/generated/prisma/enums';
import { noteRequestCaller } from '@/lib/request-caller';
import { auth } from './config';

/** The three sides of the portal and the role each one serves. */
export type Side = 'contractor' | 'orderer' | 'admin';

export const ROLE_OF_SIDE: Record<Side, Role> = { contractor: 'CONTRACTOR', orderer: 'ORDERER', admin: 'ADMIN' };
/** Each side's home (defined with the return path's rules in src/domain/auth/return-path.ts). */
export { HOME_OF_ROLE } from '@/domain/auth/return-path';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The signed-in actor, checked against the database on every request (once per request): the
 * token's session row must still exist (ログアウト deletes it) and its user still act (decision 004).
 */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  if (!session?.userId || !UUID.test(session.userId) || !session.sessionId || !UUID.test(session.sessionId)) return null;
  const actor = await resolveSession(await getDb(), { sessionId: session.sessionId, userId: session.userId, sessionVersion: session.sessionVersion });
  if (actor) await noteCaller(actor);
  return actor;
});

const SIDE_OF_ROLE: Record<Role, Side> = { CONTRACTOR: 'contractor', ORDERER: 'orderer', ADMIN: 'admin' };

/** The user and side on the front's log line of this request (src/lib/request-caller.ts). */
async function noteCaller(actor: Actor): Promise<void> {
  let requestHeaders: Headers;
  try {
    requestHeaders = await headers();
  } catch {
    return; // outside a request (a script, a test): no line to add to
  }
  noteRequestCaller(requestHeaders, { side: SIDE_OF_ROLE[actor.role], userId: actor.userId });
}

/**
 * For layouts and pages: not signed in → the sign-in page; another side's page → 404, so that
 * nothing about the page (not even that it exists) is shown.
 */
export async function requirePageActor(side: Side): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect('/login');
  if (actor.role !== ROLE_OF_SIDE[side]) notFound();
  return actor;
}

/** For server actions: every action re-checks, whatever the page that rendered its form did. */
export async function requireActionActor(side: Side): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect('/login');
  if (actor.role !== ROLE_OF_SIDE[side]) throw new AppError('FORBIDDEN', `role ${actor.role} called a ${side} action`);
  return actor;
}

/** For route handlers: a Response to return when the caller may not use the route. */
export async function requireRouteActor(side: Side): Promise<Actor | Response> {
  const actor = await currentActor();
  if (!actor) return Response.json({ error: { code: 'UNAUTHENTICATED', message: 'ログインしてください。' } }, { status: 401 });
  if (actor.role !== ROLE_OF_SIDE[side]) {
    return Response.json({ error: { code: 'NOT_FOUND', message: 'お探しの情報は見つかりませんでした。' } }, { status: 404 });
  }
  return actor;
}
