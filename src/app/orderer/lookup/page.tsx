import type { Metadata } from 'next';
import { firstParam } from '@/lib/search-params';
import { lookupAction } from '@/actions/lookup-actions';
import { requirePageActor } from '@/auth/guards';
import { normalizeContractNumber } from '@/domain/guarantees/contract-number';
import { LOOKUP_LABELS as L } from './labels';
import { LookupForm } from './lookup-form';

export const metadata: Metadata = { title: L.meta };

/** 電子証書の確認. `?number=` (the key notice's QR code) fills the number in; the key is never in a URL. */
export default async function LookupPage({ searchParams }: PageProps<'/orderer/lookup'>) {
  await requirePageActor('orderer');
  const number = normalizeContractNumber(firstParam(await searchParams, 'number') ?? '').replace(/\D/g, '').slice(0, 10);
  return (
    <>
      <h1>{L.title}</h1>
      <p className="lead">{L.lead}</p>
      {number ? <p className="muted">{L.qrNote}</p> : null}
      <LookupForm action={lookupAction} initialNumber={number} />
      <p className="muted">{L.throttleNote}</p>
    </>
  );
}
