import type { Metadata } from 'next';
import { requirePageActor, type Side } from '@/auth/guards';
import { PasswordChangeForm } from '@/components/password-change-form';
import { PASSWORD_LABELS as L } from '@/components/password-labels';

export const passwordMetadata: Metadata = { title: L.meta };

/** パスワード変更, the same on every side: each side's route passes its side for the guard. */
export async function PasswordPage({ side }: { side: Side }) {
  await requirePageActor(side);
  return (
    <>
      <h1>{L.title}</h1>
      <p className="lead">{L.lead}</p>
      <PasswordChangeForm />
    </>
  );
}
