'use client';

import { DateField } from '@/components/date-field';
import { ActionForm, SubmitButton, useActionForm, type FormResult } from '@/components/form';
import { closeJointVentureSchema } from '@/domain/joint-ventures/schemas';
import { JOINT_VENTURE_LABELS } from '../labels';

const L = JOINT_VENTURE_LABELS.close;

type Action = (prev: FormResult | undefined, formData: FormData) => Promise<FormResult>;

/** 「解散を記録する」: the 解散日 (a date recorded before may be corrected), read with what it means. */
export function CloseJointVentureForm({ action, closedOn, revision }: { action: Action; closedOn?: string; revision: number }) {
  const { form, fields, formAction } = useActionForm(action, closeJointVentureSchema, { defaultValue: { closedOn } });
  const leadId = `${form.id}-lead`;
  return (
    <ActionForm form={form} action={formAction} className="form narrow">
      <input type="hidden" name="revision" value={revision} />
      <p id={leadId}>{L.lead}</p>
      <DateField meta={fields.closedOn} label={L.closedOn} describedBy={leadId} required />
      <div className="actions">
        <SubmitButton pendingLabel={L.pending}>{L.submit}</SubmitButton>
      </div>
    </ActionForm>
  );
}
