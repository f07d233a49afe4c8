'use client';

import { useActionState } from 'react';
import { SubmitButton } from '@/components/form';
import { APPLICATION_LABELS as L } from '../labels';

/** 取下げ, after a confirmation; the refusal (e.g. concluded meanwhile) is shown at the button. */
export function WithdrawButton({ action }: { action: (prev: { error: string } | undefined, formData: FormData) => Promise<{ error: string } | undefined> }) {
  const [state, formAction] = useActionState(action, undefined);
  return (
    <form
      action={formAction}
      onSubmit={(event) => {
        if (!window.confirm(L.withdrawConfirm)) event.preventDefault();
      }}
      className="inline-form"
    >
      <SubmitButton className="button danger" pendingLabel={L.withdrawing}>
        {L.withdraw}
      </SubmitButton>
      {state?.error ? (
        <p className="field-error" role="alert">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}
