'use client';

import { useActionState, useId } from 'react';
import { SubmitButton } from '@/components/form';
import type { ButtonState } from '@/actions/guarantee-actions';
import { GUARANTEE_LABELS as L } from '../labels';

type Action = (prev: ButtonState | undefined, formData: FormData) => Promise<ButtonState | undefined>;

function Confirm({ name, label, required, error }: { name: string; label: string; required: boolean; error?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id} className="check-label">
        <input id={id} type="checkbox" name={name} required={required} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
        {label}
      </label>
      {error ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** 発注者へ送信; once sent, a second sending asks for the confirmation box (server-checked too). */
export function SendForm({ action, sentBefore }: { action: Action; sentBefore: boolean }) {
  const [state, formAction] = useActionState(action, undefined);
  const askConfirm = sentBefore || state?.field === 'confirmResend';
  return (
    <form action={formAction} className="form">
      <p className="hint">{L.sendLead}</p>
      {askConfirm ? (
        <Confirm name="confirmResend" label={L.confirmResend} required error={state?.field === 'confirmResend' ? state.error : undefined} />
      ) : null}
      {state?.error && state.field !== 'confirmResend' ? (
        <div className="form-message error" role="alert">
          {state.error}
        </div>
      ) : null}
      <div className="actions">
        <SubmitButton pendingLabel={L.sending}>{L.send}</SubmitButton>
      </div>
    </form>
  );
}

/** 認証キーの再発行, after the confirmation box. */
export function ReissueForm({ action }: { action: Action }) {
  const [state, formAction] = useActionState(action, undefined);
  return (
    <form action={formAction} className="form">
      <Confirm name="confirmReissue" label={L.confirmReissue} required error={state?.field === 'confirmReissue' ? state.error : undefined} />
      {state?.error && state.field !== 'confirmReissue' ? (
        <div className="form-message error" role="alert">
          {state.error}
        </div>
      ) : null}
      <div className="actions">
        <SubmitButton className="button danger" pendingLabel={L.reissuing}>
          {L.reissue}
        </SubmitButton>
      </div>
    </form>
  );
}
