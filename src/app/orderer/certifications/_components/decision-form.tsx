'use client';

import { CERTIFICATION_LABELS as L } from '@/app/_components/certification-labels';
import { useFormStatus } from 'react-dom';
import { ActionForm, ChoiceFieldset, Field, Textarea, useActionForm, type FormResult } from '@/components/form';
import { decideCertificationSchema } from '@/domain/certifications/schemas';

const DECISIONS = ['CERTIFY', 'REFUSE'] as const;

/** 決定する, asked once more (the contractor is mailed, a 認定 takes its number); pending while the action runs. */
function DecideButton() {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      className="button primary"
      disabled={pending}
      aria-disabled={pending}
      aria-describedby="decide-confirm"
      onClick={(event) => {
        if (!window.confirm(L.decideConfirm)) event.preventDefault();
      }}
    >
      {pending ? L.deciding : L.decide}
    </button>
  );
}

/**
 * 決定: 認定する / 認定しない with the reason or 付記, after a confirmation. When another clerk decided
 * first, the action answers with 「この請求はすでに…されています。」 at the top of the form.
 */
export function DecisionForm({
  action,
  revision,
}: {
  action: (prev: FormResult | undefined, formData: FormData) => Promise<FormResult | undefined>;
  revision: number;
}) {
  const { form, fields, formAction } = useActionForm(action, decideCertificationSchema, { shouldValidate: 'onSubmit' });
  return (
    <ActionForm form={form} action={formAction}>
      <input type="hidden" name="revision" value={revision} />
      <ChoiceFieldset meta={fields.decision} legend={L.decisionLegend} required type="radio" options={DECISIONS} labels={L.decision} />
      <Field meta={fields.note} label={L.decisionNote} hint={L.decisionNoteHint}>
        <Textarea meta={fields.note} rows={3} ariaDescribedBy={`${fields.note.id}-hint`} />
      </Field>
      <p className="muted" id="decide-confirm">
        {L.decideConfirm}
      </p>
      <div className="actions">
        <DecideButton />
      </div>
    </ActionForm>
  );
}
