'use client';

import { ActionForm, ChoiceFieldset, InputField, SubmitButton, useActionForm, type FormResult } from '@/components/form';
import { GATEWAY_MODES, gatewayRangeSchema, type GatewayRangeInput } from '@/domain/gateways/schemas';
import { GATEWAY_LABELS as L } from '../labels';

type Action = (prev: FormResult | undefined, formData: FormData) => Promise<FormResult>;

/** A known gateway range: its name, its range (CIDR), and its own budget or an exemption. */
export function GatewayRangeForm({ action, defaultValue, mode }: { action: Action; defaultValue?: Partial<GatewayRangeInput>; mode: 'create' | 'edit' }) {
  const { form, fields, formAction } = useActionForm(action, gatewayRangeSchema, { defaultValue });
  return (
    <ActionForm form={form} action={formAction} className="form narrow">
      <InputField meta={fields.name} label={L.fields.name} hint={L.hints.name} required autoComplete="off" />
      <InputField meta={fields.cidr} label={L.fields.cidr} hint={L.hints.cidr} required autoComplete="off" spellCheck={false} className="mono" />
      <ChoiceFieldset meta={fields.mode} legend={L.fields.mode} type="radio" options={GATEWAY_MODES} labels={L.modes} required hint={L.hints.mode} />
      <InputField meta={fields.failuresPerHour} label={L.fields.failuresPerHour} hint={L.hints.failuresPerHour} inputMode="numeric" autoComplete="off" />
      <div className="actions">
        <SubmitButton pendingLabel={mode === 'create' ? L.creating : L.saving}>{mode === 'create' ? L.create : L.save}</SubmitButton>
      </div>
    </ActionForm>
  );
}
