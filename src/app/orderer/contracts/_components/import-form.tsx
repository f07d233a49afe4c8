'use client';

import { getInputProps } from '@conform-to/react';
import { z } from 'zod';
import { FilePicker } from '@/components/file-picker';
import { ActionForm, ChoiceFieldset, Field, SubmitButton, useActionForm, type FormResult } from '@/components/form';
import { CONTRACT_FILE_MESSAGES as F, ENCODING_CHOICES } from '@/domain/contracts/labels';
import { MAX_FILE_BYTES, MAX_FILE_MB } from '@/domain/contracts/limits';
import { contractImportFormSchema } from '@/domain/contracts/schemas';
import { CONTRACT_LABELS as L } from '../labels';

/** The chosen file as the browser's form data holds it (the action reads the bytes itself). */
const chosen = (v: unknown): { name: string; size: number } | null => {
  const f = Array.isArray(v) ? v[0] : v;
  return typeof f === 'object' && f !== null && 'size' in f && 'name' in f && ((f as File).size > 0 || (f as File).name !== '') ? (f as File) : null;
};

/**
 * The browser's check: a file is chosen and within the limit (so that a large file is refused before
 * it is sent); what is in it (encoding, columns, rows) is the action's, answered at the same field.
 */
const schema = contractImportFormSchema.extend({
  file: z.unknown().superRefine((value, ctx) => {
    const file = chosen(value);
    if (!file) ctx.addIssue({ code: 'custom', message: F.none });
    else if (file.size > MAX_FILE_BYTES) ctx.addIssue({ code: 'custom', message: F.tooLarge(MAX_FILE_MB) });
  }),
});

/** 読み込む: a CSV file and its encoding (自動判定 by default). */
export function ImportForm({ action }: { action: (prev: FormResult | undefined, formData: FormData) => Promise<FormResult | undefined> }) {
  const { form, fields, formAction } = useActionForm(action, schema, { defaultValue: { encoding: 'auto' }, shouldValidate: 'onSubmit' });
  // conform's field metadata reads through getters: named one by one (a spread would copy none).
  const fileMeta = { id: fields.file.id, name: fields.file.name, errorId: fields.file.errorId, errors: fields.file.errors };
  const { key: fileKey, ...fileInput } = getInputProps(fields.file, { type: 'file', ariaDescribedBy: `${fields.file.id}-hint` });
  return (
    <ActionForm form={form} action={formAction}>
      <Field meta={fileMeta} label={L.fileLabel} hint={L.fileHint} required>
        <FilePicker {...fileInput} key={fileKey} buttonLabel={L.chooseFile} accept=".csv,.txt,.tsv,text/csv,text/plain" />
      </Field>
      <ChoiceFieldset meta={fields.encoding} legend={L.encodingLegend} hint={L.encodingHint} type="radio" options={ENCODING_CHOICES} labels={L.encodings} />
      <div className="actions">
        <SubmitButton pendingLabel={L.reading}>{L.read}</SubmitButton>
      </div>
    </ActionForm>
  );
}
