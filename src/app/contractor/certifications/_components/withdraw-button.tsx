'use client';

import { useActionState } from 'react';
import { CERTIFICATION_LABELS as L } from '@/app/_components/certification-labels';
import { SubmitButton } from '@/components/form';

/** 請求を取り下げる, after a confirmation; a refusal (decided meanwhile) is shown at the button. */
export function WithdrawButton({
  action,
  revision,
}: {
  action: (prev: { error: string } | undefined, formData: FormData) => Promise<{ error: string } | undefined>;
  revision: number;
}) {
  const [state, formAction] = useActionState(action, undefined);
  return (
    <form
      action={formAction}
      onSubmit={(event) => {
        if (!window.confirm(L.withdrawConfirm)) event.preventDefault();
      }}
      className="inline-form"
    >
      <input type="hidden" name="revision" value={revision} />
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
