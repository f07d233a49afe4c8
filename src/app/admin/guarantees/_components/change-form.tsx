'use client';

import { getInputProps } from '@conform-to/react';
import { DateField } from '@/components/date-field';
import { ActionForm, Field, SubmitButton, Textarea, useActionForm } from '@/components/form';
import { PremiumLines } from '@/components/premium-lines';
import { changeSchema } from '@/domain/changes/schema';
import type { ChangeFormState } from '@/domain/changes/summary';
import { OFFICER_GUARANTEE_LABELS as L } from '../labels';

type Action = (prev: ChangeFormState, formData: FormData) => Promise<ChangeFormState>;

export interface ChangeTerms {
  guaranteeAmount: string;
  contractAmount: string;
  periodStart: string;
  periodEnd: string;
  guaranteeStart: string;
  guaranteeEnd: string;
  projectName: string;
}
export type ChangeFormDefaults = ChangeTerms & { changeDate: string; reason?: string };

const AMOUNTS = ['guaranteeAmount', 'contractAmount'] as const;
const DATES = [
  ['periodStart', 'periodEnd'],
  ['guaranteeStart', 'guaranteeEnd'],
] as const;

/**
 * 変更契約: every term prefilled with its current value; 内容を確認 shows what the rules decide (a new
 * (変更) version or a record only, the difference, the premium) and then offers 変更契約を登録.
 */
export function ChangeForm({ action, defaults, current, basis }: { action: Action; defaults: ChangeFormDefaults; current: ChangeTerms; basis: number }) {
  const { state, form, fields, formAction } = useActionForm(action, changeSchema, {
    defaultValue: defaults,
    initialState: {},
    result: (s) => s.result,
  });
  const preview = state.preview;
  return (
    <ActionForm form={form} action={formAction}>
      <input type="hidden" name="basis" value={basis} />
      <div className="field-row">
        {AMOUNTS.map((name) => (
          <Field key={name} meta={fields[name]} label={L.field[name]} hint={`${L.amountHint}　${L.current(current[name])}`} required>
            <input {...getInputProps(fields[name], { type: 'text' })} inputMode="numeric" autoComplete="off" aria-describedby={`${fields[name].id}-hint ${fields[name].errorId}`} />
          </Field>
        ))}
      </div>
      {DATES.map((pair) => (
        <div className="field-row" key={pair[0]}>
          {pair.map((name) => (
            <DateField key={name} meta={fields[name]} label={L.field[name]} hint={L.current(current[name])} required />
          ))}
        </div>
      ))}
      <Field meta={fields.projectName} label={L.field.projectName} required>
        <input {...getInputProps(fields.projectName, { type: 'text' })} />
      </Field>
      <DateField meta={fields.changeDate} label={L.meta2.changeDate} required />
      <Field meta={fields.reason} label={L.meta2.reason} required>
        <Textarea meta={fields.reason} rows={3} />
      </Field>
      <div className="actions">
        <SubmitButton name="intent" value="preview" className={preview ? 'button' : 'button primary'} pendingLabel={L.previewing}>
          {L.preview}
        </SubmitButton>
      </div>

      {preview ? (
        <section className="panel change-decision" aria-labelledby="decision-title">
          <h2 id="decision-title">{L.decisionTitle}</h2>
          <p role="status">
            <strong>
              {preview.nextVersion
                ? preview.electronic
                  ? L.decisionIssue(preview.nextVersion)
                  : L.decisionIssuePaper(preview.nextVersion)
                : L.decisionRecordOnly(preview.reasonNote)}
            </strong>
          </p>
          <h3>{L.decisionFields}</h3>
          <ul>
            {preview.fields.map((f) => (
              <li key={f.field}>
                {f.label}: {f.before} → {f.after}
              </li>
            ))}
          </ul>
          <h3>{L.premiumTitle}</h3>
          {preview.premium ? (
            <>
              {preview.premium.isDemo ? <p className="demo-badge">{L.demoRates}</p> : null}
              <PremiumLines lines={preview.premium.lines} caption={L.premiumCaption} />
            </>
          ) : (
            <p>{L.noPremium}</p>
          )}
          <p className="hint">{L.commitLead}</p>
          {preview.fingerprint ? <input type="hidden" name="previewed" value={preview.fingerprint} /> : null}
          <div className="actions">
            <SubmitButton name="intent" value="commit" pendingLabel={L.committing}>
              {L.commit}
            </SubmitButton>
          </div>
        </section>
      ) : null}
    </ActionForm>
  );
}
