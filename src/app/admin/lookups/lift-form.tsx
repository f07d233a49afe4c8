'use client';

import { useActionState } from 'react';
import { SubmitButton } from '@/components/form';
import { LOOKUP_LOG_LABELS as L } from './labels';

type Action = (prev: { error: string } | undefined, formData: FormData) => Promise<{ error: string } | undefined>;

export function LiftForm({ action, lockKey, label }: { action: Action; lockKey: string; label: string }) {
  const [state, formAction] = useActionState(action, undefined);
  return (
    <form
      action={formAction}
      className="inline-form"
      onSubmit={(event) => {
        if (!window.confirm(L.liftConfirm)) event.preventDefault();
      }}
    >
      <input type="hidden" name="key" value={lockKey} />
      <SubmitButton className="button small" pendingLabel={L.lifting}>
        <span aria-hidden="true">{L.lift}</span>
        <span className="visually-hidden">{label}</span>
      </SubmitButton>
      {state?.error ? <p className="field-error" role="alert">{state.error}</p> : null}
    </form>
  );
}
