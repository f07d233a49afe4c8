'use client';

import { DateField } from '@/components/date-field';
import { ActionForm, CheckboxField, ChoiceFieldset, InputField, SelectField, SubmitButton, useActionForm, type FormResult } from '@/components/form';
import { ROUTE_TARGET_LABEL, WORK_TYPE_LABEL } from '@/domain/labels';
import { ordererSchema, WORK_TYPES, type OrdererInput } from '@/domain/organizations/schemas';
import { COMMON_LABELS as C, ORDERER_LABELS as L } from '../../labels';

type Action = (prev: FormResult | undefined, formData: FormData) => Promise<FormResult>;

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
  const { form, fields, formAction } = useActionForm(action, ordererSchema, { defaultValue });
  const hint = (name: string) => `${form.id}-${name}-hint`;
  const routeChoices = [
    { value: 'WORKS_DEPARTMENT', label: ROUTE_TARGET_LABEL.WORKS_DEPARTMENT },
    ...departments.map((department) => ({
      value: department.id,
      label: (
        <>
          {department.name}
          {department.active ? '' : L.inactiveDepartment}
        </>
      ),
    })),
  ];
  return (
    <ActionForm form={form} action={formAction}>
      <fieldset>
        <legend>{L.sections.basic}</legend>
        <InputField meta={fields.name} label={L.fields.name} required autoComplete="off" />
        <InputField meta={fields.certificateName} label={L.fields.certificateName} hint={L.hints.certificateName} required autoComplete="off" />
        <InputField meta={fields.address} label={L.fields.address} autoComplete="off" />
        <InputField meta={fields.phone} label={L.fields.phone} type="tel" autoComplete="off" className="short" />
      </fieldset>

      <fieldset>
        <legend>{L.sections.electronic}</legend>
        <DateField meta={fields.electronicFrom} label={L.fields.electronicFrom} hint={L.hints.electronicFrom} />
        <ChoiceFieldset
          meta={fields.electronicWorkTypes}
          legend={L.fields.electronicWorkTypes}
          type="checkbox"
          options={WORK_TYPES}
          labels={WORK_TYPE_LABEL}
          hint={L.hints.electronicWorkTypes}
          hintId={hint('work-types')}
        />
      </fieldset>

      <fieldset>
        <legend>{L.sections.submission}</legend>
        <InputField meta={fields.subjectTemplate} label={L.fields.subjectTemplate} hint={L.hints.subjectTemplate} required autoComplete="off" />
        <CheckboxField meta={fields.printoutAccepted} label={L.fields.printoutAccepted} hint={L.hints.printoutAccepted} hintId={hint('printout')} />
        <p className="hint" id={hint('routes')}>
          {L.hints.routes}
        </p>
        {ROUTES.map((name) => (
          <SelectField key={name} meta={fields[name]} label={L.routes[name]} describedBy={hint('routes')} options={routeChoices} />
        ))}
      </fieldset>

      <fieldset>
        <legend>{L.sections.limits}</legend>
        <p className="hint" id={hint('limits')}>
          {L.hints.limit}
        </p>
        {LIMITS.map((name) => (
          <InputField key={name} meta={fields[name]} label={L.limits[name]} describedBy={hint('limits')} autoComplete="off" className="short" />
        ))}
      </fieldset>

      <fieldset>
        <legend>{L.sections.certification}</legend>
        <CheckboxField
          meta={fields.intermediateRequiresCertification}
          label={L.fields.intermediateRequiresCertification}
          hint={L.hints.intermediateRequiresCertification}
          hintId={hint('requires-certification')}
        />
        <SelectField meta={fields.certificationRoute} label={L.fields.certificationRoute} hint={L.hints.certificationRoute} options={routeChoices} />
        <InputField
          meta={fields.limitAdvanceCombined}
          label={L.fields.limitAdvanceCombined}
          hint={L.hints.limitAdvanceCombined}
          autoComplete="off"
          className="short"
        />
      </fieldset>

      <div className="actions">
        <SubmitButton pendingLabel={mode === 'create' ? C.creating : C.saving}>{mode === 'create' ? C.create : C.save}</SubmitButton>
      </div>
    </ActionForm>
  );
}
