'use client';

import { ActionForm, ChoiceFieldset, Field, SelectField, SubmitButton, Textarea, useActionForm, type FormResult } from '@/components/form';
import { evidencePackFormSchema } from '@/domain/evidence-packs/schemas';
import { EVIDENCE_PACK_LABELS as L } from '../labels';

/** 作成を開始する: a 年度 (the current one and the five before), or 保証契約番号 typed. */
export function PackForm({
  action,
  years,
}: {
  action: (prev: FormResult | undefined, formData: FormData) => Promise<FormResult | undefined>;
  years: readonly { value: string; label: string }[];
}) {
  const { form, fields, formAction } = useActionForm(action, evidencePackFormSchema, {
    defaultValue: { scope: 'year', fiscalYear: years[0]?.value ?? '' },
    shouldValidate: 'onSubmit',
  });
  const numbersMeta = { id: fields.numbers.id, name: fields.numbers.name, errorId: fields.numbers.errorId, errors: fields.numbers.errors };
  return (
    <ActionForm form={form} action={formAction}>
      <ChoiceFieldset meta={fields.scope} legend={L.field.scope} hint={L.scopeHint} type="radio" options={['year', 'numbers'] as const} labels={L.scopes} required />
      <SelectField meta={fields.fiscalYear} label={L.field.fiscalYear} options={years} />
      <Field meta={numbersMeta} label={L.field.numbers} hint={L.numbersHint}>
        <Textarea meta={fields.numbers} rows={4} ariaDescribedBy={`${fields.numbers.id}-hint`} />
      </Field>
      <div className="actions">
        <SubmitButton pendingLabel={L.starting}>{L.start}</SubmitButton>
      </div>
    </ActionForm>
  );
}
