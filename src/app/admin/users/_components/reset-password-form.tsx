'use client';

import { useRouter } from 'next/navigation';
import { useActionState, useEffect } from 'react';
import { SubmitButton } from '@/components/form';
import { USER_LABELS as L } from '../../labels';
import { OneTimePassword } from '../../_components/one-time-password';

type Action = (prev: { password: string } | undefined, formData: FormData) => Promise<{ password: string }>;

/** Issues a new password and shows it in this answer only (reloading the page does not show it again). */
export function ResetPasswordForm({ action }: { action: Action }) {
  const [state, formAction] = useActionState(action, undefined);
  const router = useRouter();
  // The account details above (パスワード変更日時, 連続失敗回数) changed: re-render the server part of
  // the page; this component, and the password it shows, stay as they are.
  useEffect(() => {
    if (state) router.refresh();
  }, [state, router]);
  return (
    <>
      {state ? <OneTimePassword headingLevel={3} heading={L.reset.done} label={L.reset.password} password={state.password} /> : null}
      <form action={formAction} className="form">
        <p>{L.reset.lead}</p>
        <div className="actions">
          <SubmitButton className="button danger" pendingLabel={L.reset.pending}>
            {L.reset.submit}
          </SubmitButton>
        </div>
      </form>
    </>
  );
}
