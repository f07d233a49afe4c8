'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { requireActionActor } from '@/auth/guards';
import { keySecret } from '@/config/secrets';
import { getDb } from '@/db/client';
import { contractForLookup, matchAtLookup } from '@/domain/contracts/match-at-lookup';
import { checkLookupInput } from '@/domain/lookup/input-check';
import { lookupCertificate } from '@/domain/lookup/lookup';
import { clientAddressFrom } from '@/lib/client-address';

// Only the actions are exported: every export of a 'use server' file is a public endpoint.

export interface LookupFormState {
  values: { number: string; key: string; contractNumber: string };
  fieldErrors?: Record<string, string[]>;
  message?: string;
}

/**
 * 確認する: the certificate on success; otherwise the field errors or the one uniform answer, values kept.
 * With a 契約番号 (契約台帳): an unknown one is refused at its field before the lookup (no attempt spent,
 * with the number's and key's own shape errors if any); after a found answer the certificate is matched
 * to that contract in a second step (decision 072 amended), and the certificate's page says the outcome.
 */
export async function lookupAction(_prev: LookupFormState | undefined, formData: FormData): Promise<LookupFormState> {
  const actor = await requireActionActor('orderer');
  const values = {
    number: String(formData.get('number') ?? '').slice(0, 100),
    key: String(formData.get('key') ?? '').slice(0, 100),
    contractNumber: String(formData.get('contractNumber') ?? '').slice(0, 100),
  };
  const db = await getDb();
  const contract = await contractForLookup(db, actor, values.contractNumber);
  if (!contract.ok) {
    const shape = checkLookupInput(values);
    return { values, fieldErrors: { ...(shape.ok ? {} : shape.fieldErrors), ...contract.fieldErrors } };
  }
  const result = await lookupCertificate(db, { kind: 'user', actor }, values, {
    secret: keySecret(),
    clientAddress: clientAddressFrom(await headers()),
  });
  switch (result.status) {
    case 'found': {
      const to = `/orderer/certificates/${result.number}?confirmed=${result.confirmationId}`;
      if (!contract.value) redirect(to);
      const outcome = await matchAtLookup(db, actor, contract.value.id, result.guaranteeId);
      redirect(`${to}&contract=${contract.value.id}&match=${outcome}`);
    }
    case 'invalid':
      return { values, fieldErrors: result.fieldErrors };
    case 'not-found':
    case 'throttled':
      return { values, message: result.message };
  }
}
