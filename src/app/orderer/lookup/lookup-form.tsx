'use client';

import { useActionState, useEffect, useRef, useState } from 'react';
import { Field, SubmitButton } from '@/components/form';
import { afterPress } from '@/components/after-press';
import type { LookupFormState } from '@/actions/lookup-actions';
import { authKeyError, contractNumberError, type CheckMoment } from '@/domain/lookup/input-check';
import { LOOKUP_LABELS as L } from './labels';

type Action = (prev: LookupFormState | undefined, formData: FormData) => Promise<LookupFormState>;
type Name = 'number' | 'key';
/** The 契約番号 (契約台帳) is optional and only the server can tell it: no check as the clerk types. */
type Errors = Partial<Record<Name | 'contractNumber', string>>;

const CHECK: Record<Name, (typed: string, when: CheckMoment) => string | null> = { number: contractNumberError, key: authKeyError };

/** A field's ids (lookup-number, its -hint and -error) and the input's attributes: read with its hint, then its error. */
function lookupField(name: Name | 'contractNumber', error: string | undefined) {
  const id = `lookup-${name}`;
  return {
    meta: { id, name, errorId: `${id}-error`, errors: error ? [error] : [] },
    input: { id, name, 'aria-invalid': error ? true : undefined, 'aria-describedby': `${id}-hint${error ? ` ${id}-error` : ''}` },
  };
}

const serverErrors = (state: LookupFormState | undefined): Errors => ({
  number: state?.fieldErrors?.number?.[0],
  key: state?.fieldErrors?.key?.[0],
  contractNumber: state?.fieldErrors?.contractNumber?.[0],
});

/**
 * Two fields checked by the same rules as the server (domain/lookup/input-check), the server still
 * deciding: as the clerk types, what is already wrong shows at once (a number of 10 digits whose
 * check digit fails, a character never used in a key), politely announced, the focus left where it
 * is; a field left or the form sent gets the whole rule. A refused lookup moves the focus to the
 * field in error, or to the message when the refusal is the pair's (not found, locked). Opened from
 * the key notice's QR code (the number filled in), the focus starts in the key.
 */
export function LookupForm({ action, initialNumber }: { action: Action; initialNumber: string }) {
  const [state, formAction] = useActionState(action, undefined);
  const [errors, setErrors] = useState<Errors>({});
  // Each answer of the server replaces what the page had found (derived state, set while rendering).
  const [answered, setAnswered] = useState(state);
  if (state !== answered) {
    setAnswered(state);
    setErrors(serverErrors(state));
  }
  const numberRef = useRef<HTMLInputElement>(null);
  const keyRef = useRef<HTMLInputElement>(null);
  const contractRef = useRef<HTMLInputElement>(null);
  const messageRef = useRef<HTMLDivElement>(null);
  const input = (name: Name) => (name === 'number' ? numberRef : keyRef).current;

  // A new answer of the server moves the focus to what it refused.
  useEffect(() => {
    if (state?.fieldErrors?.number) numberRef.current?.focus();
    else if (state?.fieldErrors?.key) keyRef.current?.focus();
    else if (state?.fieldErrors?.contractNumber) contractRef.current?.focus();
    else if (state?.message) messageRef.current?.focus();
  }, [state]);

  // Opened with the number filled in (the QR code): the key is what is left to type.
  const prefilled = initialNumber !== '';
  useEffect(() => {
    if (prefilled) keyRef.current?.focus();
  }, [prefilled]);

  const show = (name: Name | 'contractNumber', error: string | null) => setErrors((current) => (current[name] === (error ?? undefined) ? current : { ...current, [name]: error ?? undefined }));
  const typing = (name: Name) => (event: { currentTarget: HTMLInputElement }) => show(name, CHECK[name](event.currentTarget.value, 'typing'));
  // Left with the mouse: checked once the press on the next control is over, so an error shown
  // above it does not move that control from under the pointer (components/after-press.ts).
  const leaving = (name: Name) => (event: { currentTarget: HTMLInputElement }) => {
    const field = event.currentTarget;
    afterPress(() => {
      if (field.value.trim() !== '') show(name, CHECK[name](field.value, 'sent'));
    });
  };

  const number = lookupField('number', errors.number);
  const key = lookupField('key', errors.key);
  const contract = lookupField('contractNumber', errors.contractNumber);
  return (
    <form
      action={formAction}
      className="form narrow"
      noValidate
      onSubmit={(event) => {
        const found: Errors = {};
        for (const name of ['number', 'key'] as const) found[name] = CHECK[name](input(name)?.value ?? '', 'sent') ?? undefined;
        if (!found.number && !found.key) return;
        event.preventDefault();
        setErrors({ ...found, contractNumber: errors.contractNumber });
        input(found.number ? 'number' : 'key')?.focus();
      }}
    >
      {state?.message ? (
        <div className="form-message error" role="alert" id="lookup-message" tabIndex={-1} ref={messageRef}>
          {state.message}
        </div>
      ) : null}
      <Field meta={number.meta} label={L.number} hint={L.numberHint} required>
        <input
          {...number.input}
          ref={numberRef}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          defaultValue={state?.values.number ?? initialNumber}
          onInput={typing('number')}
          onBlur={leaving('number')}
          className="short"
        />
      </Field>
      <Field meta={key.meta} label={L.key} hint={L.keyHint} required>
        <input
          {...key.input}
          ref={keyRef}
          type="text"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          defaultValue={state?.values.key ?? ''}
          onInput={typing('key')}
          onBlur={leaving('key')}
          className="short mono"
        />
      </Field>
      <Field meta={contract.meta} label={L.contractNumber} hint={L.contractNumberHint}>
        <input
          {...contract.input}
          ref={contractRef}
          type="text"
          autoComplete="off"
          spellCheck={false}
          defaultValue={state?.values.contractNumber ?? ''}
          onInput={() => show('contractNumber', null)}
        />
      </Field>
      <div className="actions">
        <SubmitButton pendingLabel={L.pending}>{L.submit}</SubmitButton>
      </div>
    </form>
  );
}
