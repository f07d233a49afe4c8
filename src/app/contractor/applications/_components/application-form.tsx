'use client';

import { DateField } from '@/components/date-field';
import { ActionForm, ChoiceFieldset, Field, InputField, SelectField, SubmitButton, Textarea, useActionForm, type FormResult } from '@/components/form';
import { needsDepositBank } from '@/domain/applications/rules';
import { applicationSchema, DELIVERY_METHODS } from '@/domain/applications/schemas';
import type { ApplicationFormValues } from '@/domain/applications/queries';
import { GUARANTEE_KIND_LABEL, WORK_TYPE_LABEL } from '@/domain/labels';
import { GUARANTEE_KINDS, WORK_TYPES } from '@/domain/organizations/schemas';
import { APPLICATION_LABELS as L } from '../labels';

/** The form's values as typed (strings), one per field of the schema; 分割預託 rows as a list. */
export type { ApplicationFormValues } from '@/domain/applications/queries';

type Action = (prev: FormResult | undefined, formData: FormData) => Promise<FormResult>;

export interface OrdererOption {
  id: string;
  name: string;
  departments: { id: string; name: string }[];
  /** The electronic-delivery rule, already in words (or null: paper only). */
  electronicRule: string | null;
}

/**
 * The application form: 下書き保存 keeps whatever is typed (well-formed), 申し込む checks it all.
 * Works without JavaScript (the department list then shows every orderer's departments, grouped).
 */
export function ApplicationForm({
  action,
  defaultValue,
  orderers,
  revision,
}: {
  action: Action;
  defaultValue: ApplicationFormValues;
  orderers: OrdererOption[];
  revision?: number;
}) {
  const { form, fields, formAction } = useActionForm(action, applicationSchema, { defaultValue });
  const ordererId = fields.ordererId.value as string | undefined;
  const selected = orderers.find((o) => o.id === ordererId);
  const kind = fields.guaranteeKind.value as (typeof GUARANTEE_KINDS)[number] | undefined;
  const showDeposit = kind === undefined || needsDepositBank(kind);
  const described = (name: string) => `${form.id}-${name}-hint`;

  return (
    <ActionForm form={form} action={formAction}>
      {revision !== undefined ? <input type="hidden" name="revision" value={revision} /> : null}

      <fieldset>
        <legend>{L.sections.guarantee}</legend>
        <ChoiceFieldset meta={fields.guaranteeKind} legend={L.fields.guaranteeKind} required type="radio" options={GUARANTEE_KINDS} labels={GUARANTEE_KIND_LABEL} />
        <SelectField
          meta={fields.ordererId}
          label={L.fields.ordererId}
          hint={L.hints.orderer}
          required
          placeholder={L.chooseOrderer}
          options={orderers.map((o) => ({ value: o.id, label: o.name }))}
        />
        <SelectField
          meta={fields.worksDepartmentId}
          label={L.fields.worksDepartmentId}
          hint={L.hints.worksDepartmentId}
          required
          placeholder={L.chooseDepartment}
          groups={(selected ? [selected] : orderers).map((o) => ({ key: o.id, label: o.name, options: o.departments.map((d) => ({ value: d.id, label: d.name })) }))}
        />
      </fieldset>

      <fieldset>
        <legend>{L.sections.contract}</legend>
        <InputField meta={fields.projectName} label={L.fields.projectName} required autoComplete="off" />
        <InputField meta={fields.projectLocation} label={L.fields.projectLocation} required autoComplete="off" />
        <ChoiceFieldset meta={fields.workType} legend={L.fields.workType} required type="radio" options={WORK_TYPES} labels={WORK_TYPE_LABEL} />
        <DateField meta={fields.contractDate} label={L.fields.contractDate} required />
        <div className="field-row">
          <DateField meta={fields.periodStart} label={L.fields.periodStart} required />
          <DateField meta={fields.periodEnd} label={L.fields.periodEnd} required />
        </div>
      </fieldset>

      <fieldset>
        <legend>{L.sections.amounts}</legend>
        <p className="hint" id={described('amounts')}>
          {L.hints.amount} {L.hints.limits}
        </p>
        {(['contractAmount', 'guaranteeAmount'] as const).map((name) => (
          <InputField
            key={name}
            meta={fields[name]}
            label={L.fields[name]}
            required
            describedBy={described('amounts')}
            inputMode="numeric"
            autoComplete="off"
            className="short"
          />
        ))}
        <p className="hint" id={described('period')}>
          {L.hints.guaranteePeriod}
        </p>
        <div className="field-row">
          <DateField meta={fields.guaranteeStart} label={L.fields.guaranteeStart} required describedBy={described('period')} />
          <DateField meta={fields.guaranteeEnd} label={L.fields.guaranteeEnd} required describedBy={described('period')} />
        </div>
      </fieldset>

      <fieldset hidden={!showDeposit}>
        <legend>{L.sections.deposit}</legend>
        <p className="hint" id={described('deposit')}>
          {L.hints.deposit}
        </p>
        <div className="field-row">
          <InputField meta={fields.depositBank} label={L.fields.depositBank} describedBy={described('deposit')} autoComplete="off" />
          <InputField meta={fields.depositBranch} label={L.fields.depositBranch} describedBy={described('deposit')} autoComplete="off" />
        </div>
      </fieldset>

      <fieldset>
        <legend>{L.sections.delivery}</legend>
        <Field meta={fields.notes} label={L.fields.notes}>
          <Textarea meta={fields.notes} rows={4} />
        </Field>
        <ChoiceFieldset
          meta={fields.deliveryMethod}
          legend={L.fields.deliveryMethod}
          required
          type="radio"
          options={DELIVERY_METHODS}
          labels={L.delivery}
          hintId={described('delivery')}
          hint={
            <>
              {L.hints.deliveryMethod}
              {selected ? (
                <>
                  <br />
                  {selected.electronicRule ?? L.hints.noElectronic(selected.name)}
                </>
              ) : null}
            </>
          }
        />
      </fieldset>

      <div className="actions">
        <SubmitButton name="intent" value="draft" className="button" pendingLabel={L.savingDraft}>
          {L.saveDraft}
        </SubmitButton>
        <SubmitButton name="intent" value="submit" pendingLabel={L.submitting}>
          {L.submit}
        </SubmitButton>
      </div>
    </ActionForm>
  );
}
