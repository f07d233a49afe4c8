'use client';

import {
  getCollectionProps,
  getFieldsetProps,
  getFormProps,
  getInputProps,
  getSelectProps,
  useForm,
  type SubmissionResult,
} from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { useActionState } from 'react';
import { Field, FieldError, FormMessage, SubmitButton, keepValuesAfterAction } from '@/components/form';
import { ROUTE_TARGET_LABEL, WORK_TYPE_LABEL } from '@/domain/labels';
import { ordererSchema, WORK_TYPES, type OrdererInput } from '@/domain/organizations/schemas';
import { COMMON_LABELS as C, ORDERER_LABELS as L } from '../../labels';

type Action = (prev: SubmissionResult<string[]> | undefined, formData: FormData) => Promise<SubmissionResult<string[]>>;

const LIMITS = Object.keys(L.limits) as (keyof typeof L.limits)[];
const ROUTES = Object.keys(L.routes) as (keyof typeof L.routes)[];

/** An orderer's name, 電子交付 rules, submission routing and amount limits, saved together. */
export function OrdererForm({
  action,
  defaultValue,
  departments,
  mode,
}: {
  action: Action;
  defaultValue: Partial<OrdererInput>;
  departments: { id: string; name: string; active: boolean }[];
  mode: 'create' | 'edit';
}) {
  const [lastResult, formAction] = useActionState(action, undefined);
  const [form, fields] = useForm({
    lastResult,
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ordererSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  });
  const hint = (name: string) => `${form.id}-${name}-hint`;
  return (
    <form {...getFormProps(form)} action={formAction} onReset={keepValuesAfterAction} className="form" noValidate>
      <FormMessage errors={form.errors} />

      <fieldset>
        <legend>{L.sections.basic}</legend>
        <Field meta={fields.name} label={L.fields.name} required>
          <input {...getInputProps(fields.name, { type: 'text' })} autoComplete="off" />
        </Field>
        <Field meta={fields.certificateName} label={L.fields.certificateName} hint={L.hints.certificateName} required>
          <input
            {...getInputProps(fields.certificateName, { type: 'text', ariaDescribedBy: `${fields.certificateName.id}-hint` })}
            autoComplete="off"
          />
        </Field>
        <Field meta={fields.address} label={L.fields.address}>
          <input {...getInputProps(fields.address, { type: 'text' })} autoComplete="off" />
        </Field>
        <Field meta={fields.phone} label={L.fields.phone}>
          <input {...getInputProps(fields.phone, { type: 'tel' })} autoComplete="off" className="short" />
        </Field>
      </fieldset>

      <fieldset>
        <legend>{L.sections.electronic}</legend>
        <Field meta={fields.electronicFrom} label={L.fields.electronicFrom} hint={L.hints.electronicFrom}>
          <input
            {...getInputProps(fields.electronicFrom, { type: 'date', ariaDescribedBy: `${fields.electronicFrom.id}-hint` })}
            className="short"
          />
        </Field>
        <fieldset {...getFieldsetProps(fields.electronicWorkTypes, { ariaDescribedBy: hint('work-types') })} className="group">
          <legend>{L.fields.electronicWorkTypes}</legend>
          <p className="hint" id={hint('work-types')}>
            {L.hints.electronicWorkTypes}
          </p>
          <div className="checks">
            {getCollectionProps(fields.electronicWorkTypes, { type: 'checkbox', options: [...WORK_TYPES] }).map(({ key, ...props }) => (
              <label key={key} htmlFor={props.id}>
                <input {...props} />
                {WORK_TYPE_LABEL[props.value as (typeof WORK_TYPES)[number]]}
              </label>
            ))}
          </div>
          <FieldError meta={fields.electronicWorkTypes} />
        </fieldset>
      </fieldset>

      <fieldset>
        <legend>{L.sections.submission}</legend>
        <Field meta={fields.subjectTemplate} label={L.fields.subjectTemplate} hint={L.hints.subjectTemplate} required>
          <input
            {...getInputProps(fields.subjectTemplate, { type: 'text', ariaDescribedBy: `${fields.subjectTemplate.id}-hint` })}
            autoComplete="off"
          />
        </Field>
        <div className="field">
          <div className="checks">
            <label htmlFor={fields.printoutAccepted.id}>
              <input {...getInputProps(fields.printoutAccepted, { type: 'checkbox', ariaDescribedBy: hint('printout') })} />
              {L.fields.printoutAccepted}
            </label>
          </div>
          <p className="hint" id={hint('printout')}>
            {L.hints.printoutAccepted}
          </p>
          <FieldError meta={fields.printoutAccepted} />
        </div>
        <p className="hint" id={hint('routes')}>
          {L.hints.routes}
        </p>
        {ROUTES.map((name) => (
          <Field key={name} meta={fields[name]} label={L.routes[name]}>
            <select {...getSelectProps(fields[name], { ariaDescribedBy: hint('routes') })}>
              <option value="WORKS_DEPARTMENT">{ROUTE_TARGET_LABEL.WORKS_DEPARTMENT}</option>
              {departments.map((department) => (
                <option key={department.id} value={department.id}>
                  {department.name}
                  {department.active ? '' : L.inactiveDepartment}
                </option>
              ))}
            </select>
          </Field>
        ))}
      </fieldset>

      <fieldset>
        <legend>{L.sections.limits}</legend>
        <p className="hint" id={hint('limits')}>
          {L.hints.limit}
        </p>
        {LIMITS.map((name) => (
          <Field key={name} meta={fields[name]} label={L.limits[name]}>
            <input
              {...getInputProps(fields[name], { type: 'text', ariaDescribedBy: hint('limits') })}
              autoComplete="off"
              className="short"
            />
          </Field>
        ))}
      </fieldset>

      <div className="actions">
        <SubmitButton pendingLabel={mode === 'create' ? C.creating : C.saving}>{mode === 'create' ? C.create : C.save}</SubmitButton>
      </div>
    </form>
  );
}
