'use client';

import { useActionState } from 'react';
import { SubmitButton } from '@/components/form';
import { CONTRACT_LABELS as L } from '../labels';

type DecisionAction = (prev: { error: string } | undefined, formData: FormData) => Promise<{ error: string } | undefined>;

/** 取り込む and 取りやめる of a previewed file; a refusal (the register changed, already imported) is announced at the buttons. */
export function ImportDecision({ confirm, discard, canConfirm }: { confirm: DecisionAction; discard: DecisionAction; canConfirm: boolean }) {
  const [confirmed, confirmAction] = useActionState(confirm, undefined);
  const [discarded, discardAction] = useActionState(discard, undefined);
  const error = confirmed?.error ?? discarded?.error;
  return (
    <div className="actions spaced">
      {canConfirm ? (
        <form action={confirmAction} className="inline-form">
          <SubmitButton pendingLabel={L.confirming}>{L.confirm}</SubmitButton>
        </form>
      ) : null}
      <form
        action={discardAction}
        className="inline-form"
        onSubmit={(event) => {
          if (!window.confirm(L.discardConfirm)) event.preventDefault();
        }}
      >
        <SubmitButton className="button" pendingLabel={L.discarding}>
          {L.discard}
        </SubmitButton>
      </form>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
