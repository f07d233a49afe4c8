'use client';

import { getInputProps } from '@conform-to/react';
import { z } from 'zod';
import { CERTIFICATION_LABELS as L } from '@/app/_components/certification-labels';
import { DateField } from '@/components/date-field';
import { FilePicker } from '@/components/file-picker';
import { ActionForm, CheckboxField, Field, FieldError, InputField, SubmitButton, Textarea, useActionForm, type FormResult } from '@/components/form';
import { CERTIFICATION_FILES } from '@/domain/certifications/labels';
import { requestCertificationFormSchema } from '@/domain/certifications/schemas';

/** A chosen file as the browser's form data holds it (a File; on the server the action reads the files itself). */
const chosen = (v: unknown): { name: string; size: number }[] =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((f): f is { name: string; size: number } => typeof f === 'object' && f !== null && 'size' in f && 'name' in f && (f.size > 0 || f.name !== ''));

/**
 * The browser's check: the typed fields as the action reads them, and what can be told about the files
 * before they are sent (a fourth, or one over 10 MB), so that no request runs into the body limit; the
 * rest (PDF or not, none) is the action's, at the same field.
 */
const schema = requestCertificationFormSchema.extend({
  files: z.unknown().superRefine((value, ctx) => {
    const files = chosen(value);
    if (files.length > CERTIFICATION_FILES.max) ctx.addIssue({ code: 'custom', message: L.tooManyFiles });
    for (const f of files) if (f.size > CERTIFICATION_FILES.maxBytes) ctx.addIssue({ code: 'custom', message: L.fileTooLarge(f.name) });
  }),
});

/**
 * 中間前払金の認定の請求: the report's date and figures, the 部分払 declaration and 1–3 PDFs. A file too
 * large (or a fourth) is refused at the field before anything is sent (the schema above); whatever
 * else is wrong comes back from the action at its field, the typed figures kept. Without the page's
 * script the form still posts (useActionState), and the action refuses such a file at the same field.
 */
export function RequestForm({
  action,
  guaranteeNumber,
  hints,
}: {
  action: (prev: FormResult | undefined, formData: FormData) => Promise<FormResult | undefined>;
  guaranteeNumber: string;
  hints: { reportedOn: string; workDoneAmount: string; requestedAmount: string };
}) {
  const { form, fields, formAction } = useActionForm(action, schema, { defaultValue: { guaranteeNumber } });
  // conform's field metadata reads through getters: named one by one (a spread would copy none).
  const fileMeta = { id: fields.files.id, name: fields.files.name, errorId: fields.files.errorId, errors: fields.files.errors };
  const { key: fileKey, ...fileInput } = getInputProps(fields.files, { type: 'file', ariaDescribedBy: `${fields.files.id}-hint` });
  return (
    <ActionForm form={form} action={formAction}>
      <input type="hidden" name={fields.guaranteeNumber.name} value={guaranteeNumber} />
      <fieldset>
        <legend>{L.figuresTitle}</legend>
        <DateField meta={fields.reportedOn} label={L.field.reportedOn} hint={hints.reportedOn} required />
        <InputField meta={fields.plannedProgress} label={L.field.plannedProgress} hint={L.hint.plannedProgress} required inputMode="decimal" autoComplete="off" />
        <InputField meta={fields.actualProgress} label={L.field.actualProgress} hint={L.hint.actualProgress} required inputMode="decimal" autoComplete="off" />
        <InputField meta={fields.workDoneAmount} label={`${L.field.workDoneAmount}（円）`} hint={hints.workDoneAmount} required inputMode="numeric" autoComplete="off" />
        <InputField meta={fields.requestedAmount} label={`${L.field.requestedAmount}（円）`} hint={hints.requestedAmount} required inputMode="numeric" autoComplete="off" />
        <CheckboxField meta={fields.noPartialPayment} label={L.noPartialPayment} hint={L.noPartialPaymentHint} />
      </fieldset>
      <fieldset>
        <legend>{L.filesTitle}</legend>
        <Field meta={fileMeta} label={L.field.files} hint={L.hint.files} required>
          <FilePicker {...fileInput} key={fileKey} buttonLabel={L.chooseFiles} multiple accept="application/pdf,.pdf" />
        </Field>
        <Field meta={fields.note} label={L.field.note} hint={L.hint.note}>
          <Textarea meta={fields.note} rows={4} ariaDescribedBy={`${fields.note.id}-hint`} />
        </Field>
      </fieldset>
      <FieldError meta={{ errorId: `${fields.guaranteeNumber.id}-error`, errors: fields.guaranteeNumber.errors }} />
      <div className="actions">
        <SubmitButton pendingLabel={L.submitting}>{L.submit}</SubmitButton>
      </div>
    </ActionForm>
  );
}
