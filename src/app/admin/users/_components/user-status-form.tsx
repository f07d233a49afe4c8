'use client';

import { useActionState } from 'react';
import { FormMessage, SubmitButton } from '@/components/form';
import { USER_LABELS as L } from '../../labels';

type Action = (prev: { error: string } | undefined, formData: FormData) => Promise<{ error: string } | undefined>;

/** 無効にする / 有効にする: one button; the action is bound to the account and the new state. */
export function UserStatusForm({ action, disabled }: { action: Action; disabled: boolean }) {
  const [state, formAction] = useActionState(action, undefined);
  return (
    <form action={formAction} className="form">
      <FormMessage errors={state?.error ? [state.error] : null} />
      <p>{disabled ? L.status.disabledNote : L.status.enabledNote}</p>
      <div className="actions">
        <SubmitButton className={disabled ? 'button primary' : 'button danger'} pendingLabel={L.status.pending}>
          {disabled ? L.status.enable : L.status.disable}
        </SubmitButton>
      </div>
    </form>
  );
}
