'use client';

import { DateField } from '@/components/date-field';
import { ActionForm, InputField, SelectField, SubmitButton, useActionForm, type FormResult } from '@/components/form';
import { contractFormSchema, type ContractFormInput } from '@/domain/contracts/schemas';
import { CONTRACT_LABELS as L } from '../labels';

/**
 * A contract typed by hand (new, or an edit at its revision): checked in the browser by the schema
 * the action and use case read again; every error at its field, the focus on the first, what was
 * typed kept. An edit over a newer revision is refused at the top of the form.
 */
export function ContractForm({
  action,
  defaultValue,
  revision,
  departments,
  cancelHref,
}: {
  action: (prev: FormResult | undefined, formData: FormData) => Promise<FormResult | undefined>;
  defaultValue?: ContractFormInput;
  revision?: number;
  departments: { id: string; name: string }[];
  cancelHref: string;
}) {
  const { form, fields, formAction } = useActionForm(action, contractFormSchema, { defaultValue });
  const editing = revision !== undefined;
  return (
    <ActionForm form={form} action={formAction}>
      {editing ? <input type="hidden" name="revision" value={revision} /> : null}
      <InputField meta={fields.contractNumber} label={L.field.contractNumber} hint={L.hint.contractNumber} required autoComplete="off" maxLength={60} />
      <InputField meta={fields.projectName} label={L.field.projectName} required autoComplete="off" maxLength={220} />
      <InputField meta={fields.contractorName} label={L.field.contractorName} required autoComplete="off" maxLength={220} />
      <InputField meta={fields.contractAmount} label={`${L.field.contractAmount}（円）`} hint={L.hint.contractAmount} required inputMode="numeric" autoComplete="off" />
      <DateField meta={fields.contractDate} label={L.field.contractDate} required />
      <fieldset>
        <legend>{L.periodLegend}</legend>
        <DateField meta={fields.periodStart} label={L.field.periodStart} required />
        <DateField meta={fields.periodEnd} label={L.field.periodEnd} required />
      </fieldset>
      <fieldset aria-describedby="shares-hint">
        <legend>{L.guaranteesLegend}</legend>
        <p className="hint" id="shares-hint">
          {L.hint.shares}
        </p>
        <InputField meta={fields.advanceShare} label={L.field.advanceShare} hint={L.hint.advanceShare} autoComplete="off" />
        <InputField meta={fields.performanceShare} label={L.field.performanceShare} hint={L.hint.performanceShare} autoComplete="off" />
      </fieldset>
      <SelectField
        meta={fields.departmentId}
        label={L.field.department}
        hint={L.hint.department}
        placeholder={L.departmentNone}
        options={departments.map((d) => ({ value: d.id, label: d.name }))}
      />
      <div className="actions">
        <SubmitButton pendingLabel={editing ? L.updating : L.creating}>{editing ? L.update : L.create}</SubmitButton>
        <a href={cancelHref} className="button">
          {L.cancel}
        </a>
      </div>
    </ActionForm>
  );
}
