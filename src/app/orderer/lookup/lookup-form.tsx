'use client';

import { useActionState, useState } from 'react';
import { FormMessage, SubmitButton } from '@/components/form';
import type { LookupFormState } from '@/actions/lookup-actions';
import { checkContractNumber } from '@/domain/guarantees/contract-number';
import { LOOKUP_MESSAGES as M } from '@/domain/lookup/messages';
import { LOOKUP_LABELS as L } from './labels';

type Action = (prev: LookupFormState | undefined, formData: FormData) => Promise<LookupFormState>;

/** Two fields; the number's check digit is verified here too, before anything is sent. */
export function LookupForm({ action, initialNumber }: { action: Action; initialNumber: string }) {
  const [state, formAction] = useActionState(action, undefined);
  const [numberError, setNumberError] = useState<string | null>(null);
  const numberErrors = numberError ? [numberError] : (state?.fieldErrors?.number ?? []);
  const keyErrors = state?.fieldErrors?.key ?? [];
  const checkNumber = (value: string) => {
    if (value.trim() === '') return setNumberError(null);
    const check = checkContractNumber(value);
    setNumberError(check.ok ? null : check.reason === 'CHECK_DIGIT' ? M.numberCheckDigit : M.numberFormat);
  };
  return (
    <form
      action={formAction}
      className="form narrow"
      noValidate
      onSubmit={(event) => {
        const value = (event.currentTarget.elements.namedItem('number') as HTMLInputElement).value;
        const check = checkContractNumber(value);
        if (value.trim() !== '' && !check.ok) {
          event.preventDefault();
          setNumberError(check.reason === 'CHECK_DIGIT' ? M.numberCheckDigit : M.numberFormat);
        }
      }}
    >
      <FormMessage errors={state?.message ? [state.message] : null} />
      <div className="field" data-invalid={numberErrors.length ? true : undefined}>
        <label htmlFor="lookup-number">
          {L.number}
          <span className="required">必須</span>
        </label>
        <p className="hint" id="lookup-number-hint">
          {L.numberHint}
        </p>
        <input
          id="lookup-number"
          name="number"
          type="text"
          inputMode="numeric"
          autoComplete="off"
          defaultValue={state?.values.number ?? initialNumber}
          aria-invalid={numberErrors.length ? true : undefined}
          aria-describedby={`lookup-number-hint${numberErrors.length ? ' lookup-number-error' : ''}`}
          onBlur={(event) => checkNumber(event.currentTarget.value)}
          onInput={() => numberError && setNumberError(null)}
          className="short"
        />
        <p className="field-error" id="lookup-number-error" aria-live="polite">
          {numberErrors.join(' ')}
        </p>
      </div>
      <div className="field" data-invalid={keyErrors.length ? true : undefined}>
        <label htmlFor="lookup-key">
          {L.key}
          <span className="required">必須</span>
        </label>
        <p className="hint" id="lookup-key-hint">
          {L.keyHint}
        </p>
        <input
          id="lookup-key"
          name="key"
          type="text"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          defaultValue={state?.values.key ?? ''}
          aria-invalid={keyErrors.length ? true : undefined}
          aria-describedby={`lookup-key-hint${keyErrors.length ? ' lookup-key-error' : ''}`}
          className="short mono"
        />
        <p className="field-error" id="lookup-key-error" aria-live="polite">
          {keyErrors.join(' ')}
        </p>
      </div>
      <div className="actions">
        <SubmitButton pendingLabel={L.pending}>{L.submit}</SubmitButton>
      </div>
    </form>
  );
}
