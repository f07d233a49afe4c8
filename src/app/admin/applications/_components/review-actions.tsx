'use client';

import { useActionState } from 'react';
import { DateField } from '@/components/date-field';
import { ActionForm, Field, SubmitButton, Textarea, useActionForm, type FormResult } from '@/components/form';
import { returnSchema } from '@/domain/applications/schemas';
import { cancelSchema } from '@/domain/guarantees/cancel-schema';
import { REVIEW_LABELS as L } from '../labels';

type FormAction = (prev: FormResult | undefined, formData: FormData) => Promise<FormResult>;
type ButtonAction = (prev: { error: string } | undefined, formData: FormData) => Promise<{ error: string } | undefined>;

/** 締結: asks once, then shows any refusal (already concluded, no rates) at the button. */
export function ConcludeForm({
  action,
  branches,
  revision,
}: {
  action: ButtonAction;
  branches: { id: string; name: string; isDefault: boolean }[];
  revision: number;
}) {
  const [state, formAction] = useActionState(action, undefined);
  return (
    <form
      action={formAction}
      onSubmit={(event) => {
        if (!window.confirm(L.concludeConfirm)) event.preventDefault();
      }}
      className="form"
    >
      <input type="hidden" name="revision" value={revision} />
      <p className="hint">{L.concludeLead}</p>
      {branches.length > 1 ? (
        <div className="field">
          <label htmlFor="conclude-branch">{L.branch}</label>
          <select id="conclude-branch" name="branchId" defaultValue={branches.find((b) => b.isDefault)?.id ?? branches[0]?.id}>
            {branches.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {state?.error ? (
        <div className="form-message error" role="alert">
          {state.error}
        </div>
      ) : null}
      <div className="actions">
        <SubmitButton pendingLabel={L.concluding}>{L.conclude}</SubmitButton>
      </div>
    </form>
  );
}

/** 差戻し with a reason (required), kept on error. */
export function ReturnForm({ action, revision }: { action: FormAction; revision: number }) {
  const { form, fields, formAction } = useActionForm(action, returnSchema);
  return (
    <ActionForm form={form} action={formAction}>
      <input type="hidden" name="revision" value={revision} />
      <Field meta={fields.reason} label={L.reason} required>
        <Textarea meta={fields.reason} rows={4} />
      </Field>
      <div className="actions">
        <SubmitButton className="button danger" pendingLabel={L.returning}>
          {L.returnButton}
        </SubmitButton>
      </div>
    </ActionForm>
  );
}

/** 解除 (a date and a reason), with a confirmation box (checked on the server; works without JavaScript). */
export function CancelForm({ action }: { action: FormAction }) {
  const { state: lastResult, form, fields, formAction } = useActionForm(action, cancelSchema);
  return (
    <ActionForm form={form} action={formAction}>
      <DateField meta={fields.cancelledOn} label={L.cancelledOn} required />
      <Field meta={fields.reason} label={L.cancelReason} required>
        <Textarea meta={fields.reason} rows={3} />
      </Field>
      <div className="field">
        <label htmlFor={`${form.id}-confirm`} className="check-label">
          <input id={`${form.id}-confirm`} type="checkbox" name="confirm" aria-describedby={`${form.id}-confirm-error`} />
          {L.cancelConfirm}
        </label>
        <p className="field-error" id={`${form.id}-confirm-error`} aria-live="polite">
          {(lastResult?.error as Record<string, string[] | null> | undefined)?.confirm?.join(' ') ?? ''}
        </p>
      </div>
      <div className="actions">
        <SubmitButton className="button danger" pendingLabel={L.cancelling}>
          {L.cancel}
        </SubmitButton>
      </div>
    </ActionForm>
  );
}
