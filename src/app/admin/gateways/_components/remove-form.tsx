'use client';

import { useActionState, useId } from 'react';
import { SubmitButton } from '@/components/form';
import { GATEWAY_LABELS as L } from '../labels';

type Action = (prev: { error: string } | undefined, formData: FormData) => Promise<{ error: string } | undefined>;

/** 「削除する」 for one range, after its confirmation box (required here and checked on the server). */
export function RemoveGatewayRangeForm({ action, name }: { action: Action; name: string }) {
  const [state, formAction] = useActionState(action, undefined);
  const id = useId();
  return (
    <form action={formAction} className="inline-form">
      <label htmlFor={id} className="check-label">
        <input id={id} type="checkbox" name="confirmRemove" required aria-invalid={state?.error ? true : undefined} aria-describedby={state?.error ? `${id}-error` : undefined} />
        {L.removeConfirm(name)}
      </label>
      <SubmitButton className="button danger" pendingLabel={L.removing}>
        {L.remove}
      </SubmitButton>
      {state?.error ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}
