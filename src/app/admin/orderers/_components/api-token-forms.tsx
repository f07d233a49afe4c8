'use client';

import { useRouter } from 'next/navigation';
import { useActionState, useEffect, useId, useState } from 'react';
import { ActionForm, InputField, SubmitButton, useActionForm, type FormResult } from '@/components/form';
import { apiTokenSchema } from '@/domain/api-tokens/schemas';
import { useHydrated } from '../../users/_components/use-hydrated';
import { API_TOKEN_LABELS as L } from './api-token-labels';

type IssueState = { result: FormResult; issued?: { id: string; name: string; token: string } };
type IssueAction = (prev: IssueState | undefined, formData: FormData) => Promise<IssueState>;
type RevokeAction = (prev: { error: string } | undefined, formData: FormData) => Promise<{ error: string } | undefined>;

/**
 * The new token, shown in the issuing action's answer only (the one-time-password pattern): never
 * stored in plain text, never in a URL, gone on the next page load. The copy button appears once
 * JavaScript runs; without it the token is selectable as a whole (user-select: all).
 */
function IssuedToken({ name, token }: { name: string; token: string }) {
  const hydrated = useHydrated();
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const guideId = useId();
  return (
    <div className="panel one-time" role="status">
      <h3>{L.issued.heading}</h3>
      <dl className="details">
        <dt>{L.issued.name}</dt>
        <dd>{name}</dd>
        <dt>{L.issued.token}</dt>
        <dd>
          <code className="secret" data-testid="one-time-api-token" aria-describedby={guideId}>
            {token}
          </code>
        </dd>
      </dl>
      {hydrated ? (
        <div className="actions">
          <button
            type="button"
            className="button"
            onClick={() => {
              navigator.clipboard.writeText(token).then(
                () => setCopy('copied'),
                () => setCopy('failed'),
              );
            }}
          >
            {L.issued.copy}
          </button>
          <span aria-live="polite">{copy === 'copied' ? L.issued.copied : copy === 'failed' ? L.issued.copyFailed : ''}</span>
        </div>
      ) : null}
      <p className="warning">{L.issued.once}</p>
      <p id={guideId}>{L.issued.copyGuide}</p>
      <p className="hint">{L.issued.usage}</p>
    </div>
  );
}

/**
 * 「トークンを発行」 (name). The issued token stays on screen until the page is left — unless it is
 * revoked meanwhile (it is then no longer among `activeTokenIds`, and a dead token is not shown).
 */
export function ApiTokenIssueForm({ action, activeTokenIds }: { action: IssueAction; activeTokenIds: string[] }) {
  const { state, form, fields, formAction } = useActionForm(action, apiTokenSchema, { initialState: undefined, result: (s) => s?.result });
  const router = useRouter();
  // The list above gained a row: re-render the server part of the page; this form and the token it
  // shows stay as they are.
  const issued = state?.issued;
  useEffect(() => {
    if (issued) router.refresh();
  }, [issued, router]);
  return (
    <>
      {issued && activeTokenIds.includes(issued.id) ? <IssuedToken name={issued.name} token={issued.token} /> : null}
      <ActionForm form={form} action={formAction} className="form narrow">
        <InputField meta={fields.name} label={L.issue.name} hint={L.issue.nameHint} required autoComplete="off" />
        <div className="actions">
          <SubmitButton pendingLabel={L.issue.pending}>{L.issue.submit}</SubmitButton>
        </div>
      </ActionForm>
    </>
  );
}

/** 「無効にする」 for one token, after its confirmation box (required here and checked on the server). */
export function ApiTokenRevokeForm({ action, name }: { action: RevokeAction; name: string }) {
  const [state, formAction] = useActionState(action, undefined);
  const id = useId();
  return (
    <form action={formAction} className="inline-form">
      <label htmlFor={id} className="check-label">
        <input id={id} type="checkbox" name="confirmRevoke" required aria-invalid={state?.error ? true : undefined} aria-describedby={state?.error ? `${id}-error` : undefined} />
        {L.revoke.confirm(name)}
      </label>
      <SubmitButton className="button danger" pendingLabel={L.revoke.pending}>
        {L.revoke.submit}
      </SubmitButton>
      {state?.error ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}
