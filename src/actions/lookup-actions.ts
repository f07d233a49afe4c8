'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { requireActionActor } from '@/auth/guards';
import { keySecret } from '@/config/secrets';
import { getDb } from '@/db/client';
import { lookupCertificate } from '@/domain/lookup/lookup';
import { clientAddressFrom } from '@/lib/client-address';

// Only the actions are exported: every export of a 'use server' file is a public endpoint.

export interface LookupFormState {
  values: { number: string; key: string };
  fieldErrors?: Record<string, string[]>;
  message?: string;
}

/** 確認する: the certificate on success; otherwise the field errors or the one uniform answer, values kept. */
export async function lookupAction(_prev: LookupFormState | undefined, formData: FormData): Promise<LookupFormState> {
  const actor = await requireActionActor('orderer');
  const values = { number: String(formData.get('number') ?? '').slice(0, 100), key: String(formData.get('key') ?? '').slice(0, 100) };
  const result = await lookupCertificate(await getDb(), { kind: 'user', actor }, values, {
    secret: keySecret(),
    clientAddress: clientAddressFrom(await headers()),
  });
  switch (result.status) {
    case 'found':
      redirect(`/orderer/certificates/${result.number}?confirmed=${result.confirmationId}`);
    case 'invalid':
      return { values, fieldErrors: result.fieldErrors };
    case 'not-found':
    case 'throttled':
      return { values, message: result.message };
  }
}
