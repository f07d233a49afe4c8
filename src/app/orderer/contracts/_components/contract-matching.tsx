'use client';

import { useActionState } from 'react';
import { ActionForm, InputField, SubmitButton, useActionForm, type FormResult } from '@/components/form';
import { matchFormSchema } from '@/domain/contracts/match-labels';
import { CONTRACT_LABELS as L } from '../labels';

type DecisionAction = (prev: { error: string } | undefined, formData: FormData) => Promise<{ error: string } | undefined>;
type FormAction = (prev: FormResult | undefined, formData: FormData) => Promise<FormResult | undefined>;

/** 保証契約番号で選ぶ: the number checked in the browser and again by the use case; a refusal at the field, the number kept. */
export function MatchByNumberForm({ action }: { action: FormAction }) {
  const { form, fields, formAction } = useActionForm(action, matchFormSchema);
  return (
    <ActionForm form={form} action={formAction}>
      <InputField meta={fields.guaranteeNumber} label={L.match.numberLabel} hint={L.match.numberHint} required inputMode="numeric" autoComplete="off" maxLength={20} />
      <div className="actions">
        <SubmitButton pendingLabel={L.match.submitting}>{L.match.submit}</SubmitButton>
      </div>
    </ActionForm>
  );
}

/** A suggestion's two buttons: 照合する (the match action with its number) and 候補から外す; a refusal announced beside them. */
export function SuggestionDecision({ number, confirm, reject }: { number: string; confirm: FormAction; reject: DecisionAction }) {
  const [confirmed, confirmAction] = useActionState(confirm, undefined);
  const [rejected, rejectAction] = useActionState(reject, undefined);
  const error = confirmed?.error?.guaranteeNumber?.join(' ') ?? confirmed?.error?.['']?.join(' ') ?? rejected?.error;
  return (
    <div className="actions">
      <form action={confirmAction} className="inline-form">
        <input type="hidden" name="guaranteeNumber" value={number} />
        <SubmitButton pendingLabel={L.match.confirming}>
          {L.match.confirm}
          <span className="visually-hidden">{L.match.forNumber(number)}</span>
        </SubmitButton>
      </form>
      <form action={rejectAction} className="inline-form">
        <input type="hidden" name="guaranteeNumber" value={number} />
        <SubmitButton className="button" pendingLabel={L.match.rejecting}>
          {L.match.reject}
          <span className="visually-hidden">{L.match.forNumber(number)}</span>
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

/** 照合を解除する, after a confirmation naming the certificate; sends the certificate the page showed so a changed match is refused (only that one is undone). */
export function UnmatchButton({ guaranteeId, number, action }: { guaranteeId: string; number: string; action: DecisionAction }) {
  const [state, formAction] = useActionState(action, undefined);
  return (
    <div className="actions">
      <form
        action={formAction}
        className="inline-form"
        onSubmit={(event) => {
          if (!window.confirm(L.match.unmatchConfirm(number))) event.preventDefault();
        }}
      >
        <input type="hidden" name="guaranteeId" value={guaranteeId} />
        <SubmitButton className="button" pendingLabel={L.match.unmatching}>
          {L.match.unmatch}
          <span className="visually-hidden">{L.match.forNumber(number)}</span>
        </SubmitButton>
      </form>
      {state?.error ? (
        <p className="field-error" role="alert">
          {state.error}
        </p>
      ) : null}
    </div>
  );
}
