'use client';

import {
  getCollectionProps,
  getFieldsetProps,
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type SubmissionResult,
} from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { useActionState } from 'react';
import { Field, FieldError, FormMessage, SubmitButton, keepValuesAfterAction } from '@/components/form';
import { needsDepositBank } from '@/domain/applications/rules';
import { applicationSchema, DELIVERY_METHODS, type ApplicationInput } from '@/domain/applications/schemas';
import { GUARANTEE_KIND_LABEL, WORK_TYPE_LABEL } from '@/domain/labels';
import { GUARANTEE_KINDS, WORK_TYPES } from '@/domain/organizations/schemas';
import { APPLICATION_LABELS as L } from '../labels';

/** The form's values as typed (strings), one per field of the schema. */
export type ApplicationFormValues = { [K in keyof ApplicationInput]?: string };

type Action = (prev: SubmissionResult<string[]> | undefined, formData: FormData) => Promise<SubmissionResult<string[]>>;

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
  const [lastResult, formAction] = useActionState(action, undefined);
  const [form, fields] = useForm<ApplicationInput>({
    lastResult,
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: applicationSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  });
  const ordererId = fields.ordererId.value as string | undefined;
  const selected = orderers.find((o) => o.id === ordererId);
  const kind = fields.guaranteeKind.value as (typeof GUARANTEE_KINDS)[number] | undefined;
  const showDeposit = kind === undefined || needsDepositBank(kind);
  const described = (name: string) => `${form.id}-${name}-hint`;

  return (
    <form {...getFormProps(form)} action={formAction} onReset={keepValuesAfterAction} className="form" noValidate>
      <FormMessage errors={form.errors} />
      {revision !== undefined ? <input type="hidden" name="revision" value={revision} /> : null}

      <fieldset>
        <legend>{L.sections.guarantee}</legend>
        <fieldset {...getFieldsetProps(fields.guaranteeKind)} className="group">
          <legend>
            {L.fields.guaranteeKind}
            <span className="required">必須</span>
          </legend>
          <div className="checks">
            {getCollectionProps(fields.guaranteeKind, { type: 'radio', options: [...GUARANTEE_KINDS] }).map(({ key, ...props }) => (
              <label key={key} htmlFor={props.id}>
                <input {...props} />
                {GUARANTEE_KIND_LABEL[props.value as (typeof GUARANTEE_KINDS)[number]]}
              </label>
            ))}
          </div>
          <FieldError meta={fields.guaranteeKind} />
        </fieldset>
        <Field meta={fields.ordererId} label={L.fields.ordererId} hint={L.hints.orderer} required>
          <select {...getSelectProps(fields.ordererId, { ariaDescribedBy: `${fields.ordererId.id}-hint` })}>
            <option value="">{L.chooseOrderer}</option>
            {orderers.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </Field>
        <Field meta={fields.worksDepartmentId} label={L.fields.worksDepartmentId} hint={L.hints.worksDepartmentId} required>
          <select {...getSelectProps(fields.worksDepartmentId, { ariaDescribedBy: `${fields.worksDepartmentId.id}-hint` })}>
            <option value="">{L.chooseDepartment}</option>
            {(selected ? [selected] : orderers).map((o) => (
              <optgroup key={o.id} label={o.name}>
                {o.departments.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </Field>
      </fieldset>

      <fieldset>
        <legend>{L.sections.contract}</legend>
        <Field meta={fields.projectName} label={L.fields.projectName} required>
          <input {...getInputProps(fields.projectName, { type: 'text' })} autoComplete="off" />
        </Field>
        <Field meta={fields.projectLocation} label={L.fields.projectLocation} required>
          <input {...getInputProps(fields.projectLocation, { type: 'text' })} autoComplete="off" />
        </Field>
        <fieldset {...getFieldsetProps(fields.workType)} className="group">
          <legend>
            {L.fields.workType}
            <span className="required">必須</span>
          </legend>
          <div className="checks">
            {getCollectionProps(fields.workType, { type: 'radio', options: [...WORK_TYPES] }).map(({ key, ...props }) => (
              <label key={key} htmlFor={props.id}>
                <input {...props} />
                {WORK_TYPE_LABEL[props.value as (typeof WORK_TYPES)[number]]}
              </label>
            ))}
          </div>
          <FieldError meta={fields.workType} />
        </fieldset>
        <Field meta={fields.contractDate} label={L.fields.contractDate} required>
          <input {...getInputProps(fields.contractDate, { type: 'date' })} className="short" />
        </Field>
        <div className="field-row">
          <Field meta={fields.periodStart} label={L.fields.periodStart} required>
            <input {...getInputProps(fields.periodStart, { type: 'date' })} className="short" />
          </Field>
          <Field meta={fields.periodEnd} label={L.fields.periodEnd} required>
            <input {...getInputProps(fields.periodEnd, { type: 'date' })} className="short" />
          </Field>
        </div>
      </fieldset>

      <fieldset>
        <legend>{L.sections.amounts}</legend>
        <p className="hint" id={described('amounts')}>
          {L.hints.amount} {L.hints.limits}
        </p>
        <Field meta={fields.contractAmount} label={L.fields.contractAmount} required>
          <input
            {...getInputProps(fields.contractAmount, { type: 'text', ariaDescribedBy: described('amounts') })}
            inputMode="numeric"
            autoComplete="off"
            className="short"
          />
        </Field>
        <Field meta={fields.guaranteeAmount} label={L.fields.guaranteeAmount} required>
          <input
            {...getInputProps(fields.guaranteeAmount, { type: 'text', ariaDescribedBy: described('amounts') })}
            inputMode="numeric"
            autoComplete="off"
            className="short"
          />
        </Field>
        <p className="hint" id={described('period')}>
          {L.hints.guaranteePeriod}
        </p>
        <div className="field-row">
          <Field meta={fields.guaranteeStart} label={L.fields.guaranteeStart} required>
            <input {...getInputProps(fields.guaranteeStart, { type: 'date', ariaDescribedBy: described('period') })} className="short" />
          </Field>
          <Field meta={fields.guaranteeEnd} label={L.fields.guaranteeEnd} required>
            <input {...getInputProps(fields.guaranteeEnd, { type: 'date', ariaDescribedBy: described('period') })} className="short" />
          </Field>
        </div>
      </fieldset>

      <fieldset hidden={!showDeposit}>
        <legend>{L.sections.deposit}</legend>
        <p className="hint" id={described('deposit')}>
          {L.hints.deposit}
        </p>
        <div className="field-row">
          <Field meta={fields.depositBank} label={L.fields.depositBank}>
            <input {...getInputProps(fields.depositBank, { type: 'text', ariaDescribedBy: described('deposit') })} autoComplete="off" />
          </Field>
          <Field meta={fields.depositBranch} label={L.fields.depositBranch}>
            <input {...getInputProps(fields.depositBranch, { type: 'text', ariaDescribedBy: described('deposit') })} autoComplete="off" />
          </Field>
        </div>
      </fieldset>

      <fieldset>
        <legend>{L.sections.delivery}</legend>
        <Field meta={fields.notes} label={L.fields.notes}>
          <textarea {...getTextareaProps(fields.notes)} rows={4} />
        </Field>
        <fieldset {...getFieldsetProps(fields.deliveryMethod, { ariaDescribedBy: described('delivery') })} className="group">
          <legend>
            {L.fields.deliveryMethod}
            <span className="required">必須</span>
          </legend>
          <p className="hint" id={described('delivery')}>
            {L.hints.deliveryMethod}
            {selected ? (
              <>
                <br />
                {selected.electronicRule ?? L.hints.noElectronic(selected.name)}
              </>
            ) : null}
          </p>
          <div className="checks">
            {getCollectionProps(fields.deliveryMethod, { type: 'radio', options: [...DELIVERY_METHODS] }).map(({ key, ...props }) => (
              <label key={key} htmlFor={props.id}>
                <input {...props} />
                {L.delivery[props.value as (typeof DELIVERY_METHODS)[number]]}
              </label>
            ))}
          </div>
          <FieldError meta={fields.deliveryMethod} />
        </fieldset>
      </fieldset>

      <div className="actions">
        <SubmitButton name="intent" value="draft" className="button" pendingLabel={L.savingDraft}>
          {L.saveDraft}
        </SubmitButton>
        <SubmitButton name="intent" value="submit" pendingLabel={L.submitting}>
          {L.submit}
        </SubmitButton>
      </div>
    </form>
  );
}
