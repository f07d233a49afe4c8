'use client';

import { useActionState, useState } from 'react';
import { Field, FormMessage, SubmitButton } from '@/components/form';
import type { LookupFormState } from '@/actions/lookup-actions';
import { checkContractNumber } from '@/domain/guarantees/contract-number';
import { LOOKUP_MESSAGES as M } from '@/domain/lookup/messages';
import { LOOKUP_LABELS as L } from './labels';

type Action = (prev: LookupFormState | undefined, formData: FormData) => Promise<LookupFormState>;

/** A field's ids (lookup-number, its -hint and -error) and the input's attributes: read with its hint, then its error. */
function lookupField(name: 'number' | 'key', errors: string[]) {
  const id = `lookup-${name}`;
  const invalid = errors.length > 0;
  return {
    meta: { id, name, errorId: `${id}-error`, errors },
    input: { id, name, 'aria-invalid': invalid || undefined, 'aria-describedby': `${id}-hint${invalid ? ` ${id}-error` : ''}` },
  };
}

/** Two fields; the number's check digit is verified here too, before anything is sent. */
export function LookupForm({ action, initialNumber }: { action: Action; initialNumber: string }) {
  const [state, formAction] = useActionState(action, undefined);
  const [numberError, setNumberError] = useState<string | null>(null);
  const numberField = lookupField('number', numberError ? [numberError] : (state?.fieldErrors?.number ?? []));
  const keyField = lookupField('key', state?.fieldErrors?.key ?? []);
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
      <Field meta={numberField.meta} label={L.number} hint={L.numberHint} required>
        <input
          {...numberField.input}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          defaultValue={state?.values.number ?? initialNumber}
          onBlur={(event) => checkNumber(event.currentTarget.value)}
          onInput={() => numberError && setNumberError(null)}
          className="short"
        />
      </Field>
      <Field meta={keyField.meta} label={L.key} hint={L.keyHint} required>
        <input
          {...keyField.input}
          type="text"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          defaultValue={state?.values.key ?? ''}
          className="short mono"
        />
      </Field>
      <div className="actions">
        <SubmitButton pendingLabel={L.pending}>{L.submit}</SubmitButton>
      </div>
    </form>
  );
}
