'use client';

import { useActionState } from 'react';
import { FormMessage, SubmitButton } from '@/components/form';
import { OUTBOX_LABELS as L } from '../labels';

type Action = (prev: { error: string } | undefined, formData: FormData) => Promise<{ error: string } | undefined>;

/** 再送: one button, bound to the mail; a refusal (already requeued elsewhere) is shown above it. */
export function RetryForm({ action }: { action: Action }) {
  const [state, formAction] = useActionState(action, undefined);
  return (
    <form action={formAction} className="form">
      <FormMessage errors={state?.error ? [state.error] : null} />
      <p>{L.retry.lead}</p>
      <div className="actions">
        <SubmitButton pendingLabel={L.retry.pending}>{L.retry.submit}</SubmitButton>
      </div>
    </form>
  );
}
