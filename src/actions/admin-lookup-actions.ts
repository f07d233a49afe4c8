'use server';

import { redirect } from 'next/navigation';
import { requireActionActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { liftLock } from '@/domain/lookup/lift-lock';
import { orNotFound } from '@/auth/not-found';

// Only the actions are exported: every export of a 'use server' file is a public endpoint.

export async function liftLockAction(_prev: { error: string } | undefined, formData: FormData): Promise<{ error: string } | undefined> {
  const actor = await requireActionActor('admin');
  const key = String(formData.get('key') ?? '').slice(0, 200);
  await orNotFound(liftLock(await getDb(), actor, key));
  redirect('/admin/lookups?saved=unlocked');
}
