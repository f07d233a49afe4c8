'use client';

import Link from 'next/link';
import { useActionState, useEffect, useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import { FieldError, keepValuesAfterAction, SubmitButton } from '@/components/form';
import type { ButtonState } from '@/actions/guarantee-actions';
import { GUARANTEE_LABELS as L } from '../labels';

type Action = (prev: ButtonState | undefined, formData: FormData) => Promise<ButtonState | undefined>;

/** A confirmation box with its Japanese error under it (read with it, announced when it appears). */
function Confirm({ name, label, error, inputRef, onChange }: { name: string; label: string; error?: string; inputRef: RefObject<HTMLInputElement | null>; onChange: () => void }) {
  const id = useId();
  return (
    <div className="field" data-invalid={error ? true : undefined}>
      <label htmlFor={id} className="check-label">
        <input ref={inputRef} id={id} type="checkbox" name={name} aria-invalid={error ? true : undefined} aria-describedby={`${id}-error`} onChange={onChange} />
        {label}
      </label>
      <FieldError meta={{ errorId: `${id}-error`, errors: error ? [error] : undefined }} />
    </div>
  );
}

/**
 * A form whose confirmation box must be ticked: checked here before anything is sent (the browser's
 * own bubble, English in an English browser, never shows: noValidate) and again by the action; either
 * way the error is said at the box and the focus moves there. Without JavaScript the action's answer
 * shows the same error.
 */
function useConfirmation(state: ButtonState | undefined, field: string, required: boolean, message: string) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [clientError, setClientError] = useState<string | null>(null);
  // The action's answer stays until the box is ticked (or the form is sent again).
  const [answered, setAnswered] = useState<ButtonState | undefined>(undefined);
  const serverError = state?.field === field && answered !== state ? state.error : undefined;
  useEffect(() => {
    if (state?.field === field) inputRef.current?.focus();
  }, [state, field]);
  return {
    inputRef,
    error: clientError ?? serverError,
    onChange: () => {
      setClientError(null);
      setAnswered(state);
    },
    onSubmit: (event: FormEvent<HTMLFormElement>) => {
      if (!required || inputRef.current?.checked) return;
      event.preventDefault();
      setClientError(message);
      inputRef.current?.focus();
    },
  };
}

/** A refusal of the whole form (解除, 期間満了, no address…), announced. */
function FormError({ state, field }: { state: ButtonState | undefined; field: string }) {
  return state?.error && state.field !== field ? (
    <div className="form-message error" role="alert">
      {state.error}
    </div>
  ) : null;
}

/**
 * 「この内容で送信する」 under the preview: sends the mail the preview showed (its fingerprint goes with
 * it), or 戻る to the key page. Once sent before, the confirmation box is asked for first.
 */
export function SendForm({ action, fingerprint, lastSentAt, backHref }: { action: Action; fingerprint: string; lastSentAt: string | null; backHref: string }) {
  const [state, formAction] = useActionState(action, undefined);
  const askConfirm = lastSentAt !== null || state?.field === 'confirmResend';
  const confirm = useConfirmation(state, 'confirmResend', askConfirm, L.confirmResendRequired);
  return (
    <form action={formAction} onSubmit={confirm.onSubmit} onReset={keepValuesAfterAction} className="form" noValidate>
      <input type="hidden" name="previewed" value={fingerprint} />
      <FormError state={state} field="confirmResend" />
      {lastSentAt ? <p className="notice">{L.lastSent(lastSentAt)}</p> : null}
      {askConfirm ? <Confirm name="confirmResend" label={L.confirmResend} error={confirm.error} inputRef={confirm.inputRef} onChange={confirm.onChange} /> : null}
      <div className="actions">
        <SubmitButton pendingLabel={L.sending}>{L.confirmSend}</SubmitButton>
        <Link href={backHref} className="button">
          {L.back}
        </Link>
      </div>
    </form>
  );
}

/** 認証キーの再発行, after the confirmation box. */
export function ReissueForm({ action }: { action: Action }) {
  const [state, formAction] = useActionState(action, undefined);
  const confirm = useConfirmation(state, 'confirmReissue', true, L.confirmReissueRequired);
  return (
    <form action={formAction} onSubmit={confirm.onSubmit} onReset={keepValuesAfterAction} className="form" noValidate>
      <Confirm name="confirmReissue" label={L.confirmReissue} error={confirm.error} inputRef={confirm.inputRef} onChange={confirm.onChange} />
      <FormError state={state} field="confirmReissue" />
      <div className="actions">
        <SubmitButton className="button danger" pendingLabel={L.reissuing}>
          {L.reissue}
        </SubmitButton>
      </div>
    </form>
  );
}
