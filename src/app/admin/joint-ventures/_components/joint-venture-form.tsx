'use client';

import { getInputProps } from '@conform-to/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { DateField } from '@/components/date-field';
import { DetailsList } from '@/components/details-list';
import { ActionForm, ChoiceFieldset, Field, FieldError, InputField, SubmitButton, Textarea, useActionForm, type FormResult } from '@/components/form';
import {
  JOINT_VENTURE_KINDS,
  JOINT_VENTURE_MODES,
  MAX_MEMBERS,
  jointVentureWarnings,
  parseShare,
  type JointVentureKind,
  type JointVentureMode,
} from '@/domain/joint-ventures/rules';
import { jointVentureSchema } from '@/domain/joint-ventures/schemas';
import { useHydrated } from '../../users/_components/use-hydrated';
import { JOINT_VENTURE_LABELS as L } from '../labels';
import { CompanyCombobox, type CompanyOption } from './company-combobox';
import styles from './joint-venture-form.module.css';

type Action = (prev: FormResult | undefined, formData: FormData) => Promise<FormResult>;

export interface MemberRowValue {
  organizationId: string;
  /** The text in the row's company box (the company's name once chosen). */
  companyName?: string;
  share: string;
}

export interface JointVentureFormValue {
  name?: string;
  nameKana?: string;
  kind?: string;
  mode?: string;
  formedOn?: string;
  /** The 代表者's row, counted from 0. */
  representative?: string;
  members: MemberRowValue[];
  note?: string;
}

/**
 * The companies the form knows by name when it opens: the JV's own members (none for a new JV). Any
 * other company is found through the company box (searchMemberCompanies), never listed here.
 */
export type CompanyChoice = CompanyOption;

/** The rows the form starts with: the members, and one blank row (up to five) for a browser without JavaScript. */
function paddedRows(members: readonly MemberRowValue[]): MemberRowValue[] {
  const count = Math.min(MAX_MEMBERS, Math.max(3, members.length + 1));
  return Array.from({ length: Math.max(count, members.length) }, (_, i) => members[i] ?? { organizationId: '', share: '' });
}

/**
 * A 共同企業体 (decision 065): name, kind, mode, 結成日, the members table — each row a company, the
 * 代表者's radio button and the share — and a note. With JavaScript, rows are added and removed with
 * buttons (the keyboard reaches them as any button) and the focus follows: to the new row's company,
 * or to 「構成員を追加」 after a removal; without it, the blank rows are there and ignored when left
 * blank. What was typed stays after a refusal; the focus goes to the first field in error, and to the
 * first share when only the sum is wrong.
 *
 * A JV named by an application (locked) keeps its name, kind, mode and members: they are shown, and
 * sent as they are, so the rest (kana, 結成日, note) can still be saved.
 */
export function JointVentureForm({
  action,
  defaultValue,
  companies,
  mode,
  revision,
  locked = false,
}: {
  action: Action;
  defaultValue: JointVentureFormValue;
  companies: readonly CompanyChoice[];
  mode: 'create' | 'edit';
  revision?: number;
  locked?: boolean;
}) {
  const initial = useMemo(() => ({ ...defaultValue, members: locked ? defaultValue.members : paddedRows(defaultValue.members) }), [defaultValue, locked]);
  const { state, form, fields, formAction } = useActionForm(action, jointVentureSchema, { defaultValue: initial });
  const hydrated = useHydrated();
  const formRef = useRef<HTMLFormElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  /**
   * The control named `name` takes the focus once conform has rendered it (a row just added), and
   * again for a few frames if a later render replaced it while nothing else took the focus.
   */
  const focusWhenThere = (name: string, frames = 30, focused = false) => {
    const named = formRef.current?.elements.namedItem(name);
    // A company is sent by a hidden input: its box, beside it, takes the focus.
    const control = named instanceof HTMLInputElement && named.type === 'hidden' ? named.parentElement?.querySelector<HTMLInputElement>('input[role="combobox"]') : named;
    if (control instanceof HTMLElement && (!focused || document.activeElement === document.body)) control.focus();
    const found = control instanceof HTMLElement;
    if (frames > 0) requestAnimationFrame(() => focusWhenThere(name, frames - 1, focused || found));
  };

  // getFieldset answers a proxy (its fields are read by name, never spread).
  const rows = fields.members.getFieldList().map((row) => {
    const cells = row.getFieldset();
    return { key: row.key, organizationId: cells.organizationId, companyName: cells.companyName, share: cells.share };
  });
  const sumInvalid = Boolean(fields.members.errors?.length);

  /** What the members table holds now (the DOM is the truth: its inputs are uncontrolled). */
  const current = () => {
    const data = formRef.current ? new FormData(formRef.current) : new FormData();
    const text = (name: string) => {
      const value = data.get(name);
      return typeof value === 'string' ? value : '';
    };
    return {
      members: rows.map((row) => ({ organizationId: text(row.organizationId.name), companyName: text(row.companyName.name), share: text(row.share.name) })),
      representative: text(fields.representative.name),
    };
  };

  const change = (edit: (value: { members: MemberRowValue[]; representative: string }) => void) => {
    const next = current();
    const chosen = next.representative;
    edit(next);
    form.update({ name: fields.members.name, value: next.members, validated: false });
    // Only when it moved: an update gives every row a new key, and the row focused would be remounted.
    if (next.representative !== chosen) form.update({ name: fields.representative.name, value: next.representative || undefined, validated: false });
  };

  const addRow = () => {
    const name = `${fields.members.name}[${rows.length}].organizationId`;
    change((value) => void value.members.push({ organizationId: '', share: '' }));
    focusWhenThere(name);
  };

  const removeRow = (index: number) => {
    change((value) => {
      value.members.splice(index, 1);
      const chosen = value.representative === '' ? null : Number(value.representative);
      if (chosen === index) value.representative = '';
      else if (chosen !== null && chosen > index) value.representative = String(chosen - 1);
    });
    addRef.current?.focus();
  };

  /**
   * conform focuses only a field named in error that can take the focus: a company is sent by a
   * hidden input, and a sum other than 100 % is an error of the members as a whole, shown under the
   * table. So unless a field in error already has the focus (after the browser's check, and after
   * the server's answer), the first control marked in error takes it — a company's box, or the shares
   * typed when the sum is wrong — and else the first share when only the sum is.
   */
  const sumErrorId = fields.members.errorId;
  const focusSum = useCallback(() => {
    const formElement = formRef.current;
    if (!formElement) return;
    const active = document.activeElement;
    if (active instanceof HTMLElement && formElement.contains(active) && active.getAttribute('aria-invalid') === 'true') return;
    const invalid = formElement.querySelector<HTMLElement>('input[role="combobox"][aria-invalid="true"], input[data-share][aria-invalid="true"]');
    if (invalid) invalid.focus();
    else if (document.getElementById(sumErrorId)?.textContent) formElement.querySelector<HTMLInputElement>('input[data-share]')?.focus();
  }, [sumErrorId]);
  useEffect(() => {
    const formElement = formRef.current;
    if (!formElement) return;
    // A send by the officer only: conform also submits the form to itself for its checks (a field
    // left, a row added), with a hidden button named __intent__, and the focus must stay put then.
    const onSubmit = (event: SubmitEvent) => {
      if (event.submitter?.getAttribute('name') === '__intent__') return;
      setTimeout(focusSum, 0);
    };
    formElement.addEventListener('submit', onSubmit);
    return () => formElement.removeEventListener('submit', onSubmit);
  }, [focusSum]);
  useEffect(() => {
    // Once per answer of the server.
    if (state) setTimeout(focusSum, 0);
  }, [state, focusSum]);

  // The warnings of the members as they stand (never a refusal): from the typed values once they read.
  const warnings = (() => {
    const kind = fields.kind.value;
    if (!JOINT_VENTURE_KINDS.includes(kind as JointVentureKind)) return [];
    const values = (fields.members.value ?? []) as ({ organizationId?: string; share?: string } | undefined)[];
    const members = values
      .map((row, index) => ({ row, index }))
      .filter(({ row }) => row?.organizationId && row.share)
      .map(({ row, index }) => ({ role: String(index) === fields.representative.value ? ('REPRESENTATIVE' as const) : ('MEMBER' as const), shareBasisPoints: parseShare(row!.share!) }));
    if (members.length < 2 || members.some((m) => m.shareBasisPoints === null)) return [];
    return jointVentureWarnings({ kind: kind as JointVentureKind, members: members as { role: 'REPRESENTATIVE' | 'MEMBER'; shareBasisPoints: number }[] });
  })();

  // The companies known by name (the members', and each one chosen since): a row React renders anew
  // (a row added or removed) shows its company's name again.
  const [companyName] = useState(() => new Map(companies.map((c) => [c.id, c.name])));
  const remember = (company: CompanyOption) => void companyName.set(company.id, company.name);
  const membersHint = `${form.id}-members-hint`;
  const companyHint = `${form.id}-company-hint`;
  const rowsHint = `${form.id}-rows-hint`;

  return (
    <ActionForm form={form} action={formAction} ref={formRef}>
      {revision !== undefined ? <input type="hidden" name="revision" value={revision} /> : null}
      {locked ? (
        <p className="notice" role="note">
          {L.locked}
        </p>
      ) : null}
      <fieldset>
        <legend>{L.sections.basic}</legend>
        <InputField meta={fields.name} label={L.fields.name} hint={L.hints.name} required autoComplete="off" readOnly={locked} />
        <InputField meta={fields.nameKana} label={L.fields.nameKana} autoComplete="off" />
        {locked ? (
          // Fixed with the name and members once applied for: shown, and sent as they are.
          <DetailsList
            rows={[
              [
                L.fields.kind,
                <>
                  <input type="hidden" name={fields.kind.name} value={String(fields.kind.initialValue ?? '')} />
                  {L.kinds[fields.kind.initialValue as JointVentureKind] ?? ''}
                </>,
              ],
              [
                L.fields.mode,
                <>
                  <input type="hidden" name={fields.mode.name} value={String(fields.mode.initialValue ?? '')} />
                  {L.modes[fields.mode.initialValue as JointVentureMode] ?? ''}
                </>,
              ],
            ]}
          />
        ) : (
          <>
            <ChoiceFieldset meta={fields.kind} legend={L.fields.kind} type="radio" options={JOINT_VENTURE_KINDS} labels={L.kinds} required />
            <ChoiceFieldset meta={fields.mode} legend={L.fields.mode} type="radio" options={JOINT_VENTURE_MODES} labels={L.modes} required />
          </>
        )}
        <DateField meta={fields.formedOn} label={L.fields.formedOn} />
      </fieldset>

      <fieldset aria-describedby={`${membersHint} ${rowsHint}`}>
        <legend>
          {L.sections.members}
          <span className="required">必須</span>
        </legend>
        <p className="hint" id={membersHint}>
          {L.hints.members}
        </p>
        <p className="hint" id={rowsHint}>
          {L.hints.rows}
        </p>
        {locked ? null : (
          <p className="hint" id={companyHint}>
            {L.company.hint}
          </p>
        )}
        <table className={`table ${styles.members}`}>
            <caption className="visually-hidden">{L.membersTable}</caption>
            <thead>
              <tr>
                <th scope="col">{L.memberColumns.company}</th>
                <th scope="col">{L.memberColumns.representative}</th>
                <th scope="col">{L.memberColumns.share}</th>
                {hydrated && !locked ? (
                  <th scope="col">
                    <span className="visually-hidden">{L.removeMember}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => {
                const n = index + 1;
                const companyId = String(row.organizationId.initialValue ?? '');
                const { key: _shareKey, ...shareProps } = getInputProps(row.share, { type: 'text', ariaDescribedBy: sumInvalid && row.share.value ? fields.members.errorId : undefined });
                const radioId = `${fields.representative.id}-${index}`;
                const chosen = fields.representative.initialValue === String(index);
                const lockedCompany = locked ? companyName.get(companyId) : undefined;
                return (
                  <tr key={`${row.key ?? index}-${fields.representative.key ?? ''}`}>
                    <td data-label={L.memberColumns.company}>
                      {locked ? (
                        <>
                          <input type="hidden" name={row.organizationId.name} value={companyId} />
                          {lockedCompany}
                        </>
                      ) : (
                        <>
                          <CompanyCombobox
                            id={row.organizationId.id}
                            name={row.organizationId.name}
                            textName={row.companyName.name}
                            initialText={String(row.companyName.initialValue ?? '')}
                            label={L.companyOf(n)}
                            describedBy={[companyHint, row.organizationId.errors?.length ? row.organizationId.errorId : ''].filter(Boolean).join(' ')}
                            invalid={Boolean(row.organizationId.errors?.length)}
                            initial={companyId ? { id: companyId, name: companyName.get(companyId) ?? '' } : undefined}
                            onChosen={remember}
                          />
                          <FieldError meta={row.organizationId} />
                        </>
                      )}
                    </td>
                    <td data-label={L.memberColumns.representative} className={styles.radio}>
                      {locked ? (
                        <>
                          {chosen ? <input type="hidden" name={fields.representative.name} value={String(index)} /> : null}
                          {chosen ? L.memberColumns.representative : ''}
                        </>
                      ) : (
                        <input
                          type="radio"
                          id={radioId}
                          name={fields.representative.name}
                          value={String(index)}
                          defaultChecked={chosen}
                          aria-label={L.representativeOf(n)}
                          aria-describedby={fields.representative.errors?.length ? fields.representative.errorId : undefined}
                        />
                      )}
                    </td>
                    <td data-label={L.memberColumns.share}>
                      {locked ? (
                        <>
                          <input type="hidden" name={row.share.name} value={String(row.share.initialValue ?? '')} />
                          {String(row.share.initialValue ?? '')}
                          {L.percent}
                        </>
                      ) : (
                        <>
                          <span className={styles.share}>
                            <input
                              {...shareProps}
                              aria-label={L.shareOf(n)}
                              aria-invalid={row.share.errors?.length || (sumInvalid && row.share.value) ? true : undefined}
                              data-share=""
                              inputMode="decimal"
                              autoComplete="off"
                            />
                            <span aria-hidden="true">{L.percent}</span>
                          </span>
                          <FieldError meta={row.share} />
                        </>
                      )}
                    </td>
                    {hydrated && !locked ? (
                      <td className={styles.remove}>
                        <button type="button" className="button small" aria-label={L.removeRowOf(n)} onClick={() => removeRow(index)} disabled={rows.length <= 1}>
                          {L.removeMember}
                        </button>
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
        </table>
        <FieldError meta={fields.representative} />
        <FieldError meta={fields.members} />
        {hydrated && !locked ? (
          <div>
            <button type="button" ref={addRef} className="button" onClick={addRow} disabled={rows.length >= MAX_MEMBERS}>
              {L.addMember}
            </button>
          </div>
        ) : null}
        {warnings.length > 0 ? (
          <div className="notice" role="status">
            <h3 className={styles.warningsTitle}>{L.warningsTitle}</h3>
            <ul>
              {warnings.map((warning) => (
                <li key={warning}>{warning}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </fieldset>

      <fieldset>
        <legend>{L.sections.note}</legend>
        <Field meta={fields.note} label={L.fields.note}>
          <Textarea meta={fields.note} rows={3} />
        </Field>
      </fieldset>

      <div className="actions">
        <SubmitButton pendingLabel={mode === 'create' ? L.creating : L.saving}>{mode === 'create' ? L.create : L.save}</SubmitButton>
      </div>
    </ActionForm>
  );
}
