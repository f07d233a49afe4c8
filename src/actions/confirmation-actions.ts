'use server';

import { redirect } from 'next/navigation';
import { requireActionActor } from '@/auth/guards';
import { orNotFound } from '@/auth/not-found';
import { getDb } from '@/db/client';
import { confirmLaterVersion } from '@/domain/confirmations/confirm-later-version';

// Only the actions are exported: every export of a 'use server' file is a public endpoint.

/**
 * 「この版を確認しました」 on the orderer's certificate page: the version shown (bound by the page; both
 * arguments come from the browser and are checked by the use case). Back to that page with what
 * happened: recorded, already recorded (nothing new), or a later version issued meanwhile (its page).
 */
export async function confirmVersionAction(number: string, version: number, _formData: FormData): Promise<void> {
  const actor = await requireActionActor('orderer');
  const result = await orNotFound(confirmLaterVersion(await getDb(), actor, String(number), Number(version)));
  const page = `/orderer/certificates/${result.number}`;
  switch (result.status) {
    case 'confirmed':
      redirect(`${page}?version=${result.version}&saved=version-confirmed`);
    case 'already':
      redirect(`${page}?version=${result.version}&saved=version-already`);
    case 'superseded':
      redirect(`${page}?version=${result.latestVersion}&saved=version-superseded`);
  }
}
