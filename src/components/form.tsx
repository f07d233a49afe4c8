'use client';

import { useFormStatus } from 'react-dom';
import type { FormEvent, ReactNode } from 'react';

/** The shape every form action answers with (conform's SubmissionResult fits in `result`). */
export interface FieldMeta {
  id: string;
  name: string;
  errorId: string;
  errors?: string[];
}

/** A labelled field with its Japanese error right under it, tied by aria-describedby. */
export function Field({
  meta,
  label,
  hint,
  required,
  children,
}: {
  meta: FieldMeta;
  label: string;
  hint?: string;
  required?: boolean;
  children: ReactNode;
}) {
  const hintId = hint ? `${meta.id}-hint` : undefined;
  return (
    <div className="field" data-invalid={meta.errors?.length ? true : undefined}>
      <label htmlFor={meta.id}>
        {label}
        {required ? <span className="required">必須</span> : null}
      </label>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {children}
      <FieldError meta={meta} />
    </div>
  );
}

export function FieldError({ meta }: { meta: Pick<FieldMeta, 'errorId' | 'errors'> }) {
  return (
    <p className="field-error" id={meta.errorId} aria-live="polite">
      {meta.errors?.join(' ') ?? ''}
    </p>
  );
}

/** Props that tie an input to its error (and hint) for screen readers. */
export function inputA11y(meta: FieldMeta, hint?: boolean) {
  const invalid = Boolean(meta.errors?.length);
  return {
    id: meta.id,
    name: meta.name,
    'aria-invalid': invalid || undefined,
    'aria-describedby': [invalid ? meta.errorId : null, hint ? `${meta.id}-hint` : null].filter(Boolean).join(' ') || undefined,
  };
}

/** A submit button that shows its pending state and cannot be pressed twice. */
export function SubmitButton({
  children,
  pendingLabel = '送信中…',
  className = 'button primary',
  name,
  value,
}: {
  children: ReactNode;
  pendingLabel?: string;
  className?: string;
  name?: string;
  value?: string;
}) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className={className} disabled={pending} aria-disabled={pending} name={name} value={value}>
      {pending ? pendingLabel : children}
    </button>
  );
}

/** A form-level message (success or error), announced when it appears. */
export function FormMessage({ errors, success }: { errors?: string[] | null; success?: string | null }) {
  if (errors?.length) {
    return (
      <div className="form-message error" role="alert">
        {errors.join(' ')}
      </div>
    );
  }
  if (success) {
    return (
      <div className="form-message success" role="status">
        {success}
      </div>
    );
  }
  return null;
}

/**
 * Pass as a form's onReset. React 19 resets a form once its action settles (react#29034), and
 * conform answers that reset by dropping the values the server's reply just restored (conform#681):
 * a rejected form would come back empty. Cancelling the reset keeps what was typed; password
 * fields are still cleared (a secret is never kept in the page). A successful create clears its
 * form itself through the action's `reply({ resetForm: true })`.
 */
export function keepValuesAfterAction(event: FormEvent<HTMLFormElement>) {
  event.preventDefault();
  for (const input of event.currentTarget.querySelectorAll<HTMLInputElement>('input[type="password"]')) input.value = '';
}
