'use client';

import { getInputProps } from '@conform-to/react';
import { useEffect, useRef } from 'react';
import { DateField } from '@/components/date-field';
import { DetailsList } from '@/components/details-list';
import { ActionForm, ChoiceFieldset, Field, FieldError, InputField, SelectField, SubmitButton, Textarea, useActionForm, type FormResult } from '@/components/form';
import { defaultDepositRows, depositShareTotal, DEPOSIT_MODES } from '@/domain/applications/deposits';
import type { CertificationOption } from '@/domain/applications/from-certification';
import type { JointVentureOption } from '@/domain/applications/form-options';
import { needsDepositBank } from '@/domain/applications/rules';
import { applicationSchema, CONTRACT_FIELDS, DELIVERY_METHODS } from '@/domain/applications/schemas';
import type { ApplicationFormValues } from '@/domain/applications/queries';
import { GUARANTEE_KIND_LABEL, WORK_TYPE_LABEL } from '@/domain/labels';
import { GUARANTEE_KINDS, WORK_TYPES } from '@/domain/organizations/schemas';
import { formatIsoDate } from '@/lib/dates';
import { formatYen } from '@/lib/money';
import { formatBasisPoints as formatShare } from '@/lib/percent';
import { APPLICATION_LABELS as L } from '../labels';

/** The form's values as typed (strings), one per field of the schema; 分割預託 rows as a list. */
export type { ApplicationFormValues } from '@/domain/applications/queries';

type Action = (prev: FormResult | undefined, formData: FormData) => Promise<FormResult>;

export interface OrdererOption {
  id: string;
  name: string;
  departments: { id: string; name: string }[];
  /** The electronic-delivery rule, already in words (or null: paper only). */
  electronicRule: string | null;
  /** 中間前払金保証 only with a 認定 (issue 16, D15). */
  requiresCertification: boolean;
}

/**
 * The fields a 認定 fixes: the form does not render them, so the server's errors there (a department
 * deactivated since, a JV closed, an orderer's limit) are listed in the contract's panel instead.
 */
const FIXED_BY_CERTIFICATION = ['jointVentureId', ...CONTRACT_FIELDS] as const;

/** The contract a 認定 fixes, as the form shows it instead of its fields. */
function certifiedContractRows(c: CertificationOption['contract']): [string, string][] {
  return [
    [L.fields.ordererId, c.ordererName],
    [L.fields.worksDepartmentId, c.departmentName ?? L.none],
    [L.fields.projectName, c.projectName],
    [L.fields.projectLocation, c.projectLocation ?? L.none],
    [L.fields.workType, c.workType ? WORK_TYPE_LABEL[c.workType] : L.none],
    [L.fields.contractDate, c.contractDate ? formatIsoDate(c.contractDate) : L.none],
    [L.certification.period, L.certification.periodText(formatIsoDate(c.periodStart), formatIsoDate(c.periodEnd))],
    [L.fields.contractAmount, L.yen(formatYen(BigInt(c.contractAmount)))],
  ];
}

/**
 * The application form: 下書き保存 keeps whatever is typed (well-formed), 申し込む checks it all.
 * Works without JavaScript (the department list then shows every orderer's departments, grouped).
 */
export function ApplicationForm({
  action,
  defaultValue,
  orderers,
  jointVentures = [],
  certifications = [],
  revision,
}: {
  action: Action;
  defaultValue: ApplicationFormValues;
  orderers: OrdererOption[];
  /** The JVs the company may apply for as 代表者 (「申込者」); none: the section is not shown. */
  jointVentures?: JointVentureOption[];
  /** The company's usable 認定 (「中間前払金の認定」). */
  certifications?: CertificationOption[];
  revision?: number;
}) {
  const { state, form, fields, formAction } = useActionForm(action, applicationSchema, { defaultValue });
  const formRef = useRef<HTMLFormElement>(null);
  const kind = fields.guaranteeKind.value as (typeof GUARANTEE_KINDS)[number] | undefined;
  // A 中間前払金 from a 認定: its contract (and JV) replace the contract's fields.
  const certification = kind === 'INTERMEDIATE' ? certifications.find((c) => c.id === fields.certificationId.value) : undefined;
  const ordererId = fields.ordererId.value as string | undefined;
  const selected = orderers.find((o) => o.id === ordererId);
  const showDeposit = kind === undefined || needsDepositBank(kind);
  const jvId = certification ? (certification.jointVentureId ?? undefined) : (fields.jointVentureId.value as string | undefined);
  const jv = jointVentures.find((j) => j.id === jvId);
  const split = Boolean(jv) && showDeposit && fields.depositMode.value === 'SPLIT';
  const described = (name: string) => `${form.id}-${name}-hint`;

  // 分割預託: one row per member of the JV chosen; another JV (or a first choice) starts from its shares.
  const rows = fields.deposits.getFieldList();
  const rowValues = (fields.deposits.value ?? []) as ({ organizationId?: string } | undefined)[];
  const rowsMatch = jv !== undefined && rowValues.length === jv.members.length && jv.members.every((m, i) => rowValues[i]?.organizationId === m.organizationId);
  useEffect(() => {
    if (split && jv && !rowsMatch) form.update({ name: fields.deposits.name, value: defaultDepositRows(jv.members), validated: false });
  }, [split, jv, rowsMatch, form, fields.deposits.name]);
  const total = depositShareTotal(rowValues.map((r) => String((r as { share?: unknown } | undefined)?.share ?? '')));

  /**
   * conform focuses a field named in error; the sum of the shares is an error of the rows together
   * (at `deposits`), so after the server's answer the first share takes the focus unless a field in
   * error already has it.
   */
  const sumError = fields.deposits.errors?.length ? fields.deposits.errorId : undefined;
  useEffect(() => {
    if (!state || !sumError) return;
    const timer = setTimeout(() => {
      const active = document.activeElement;
      if (active instanceof HTMLElement && formRef.current?.contains(active) && active.getAttribute('aria-invalid') === 'true') return;
      formRef.current?.querySelector<HTMLInputElement>('input[data-share]')?.focus();
    }, 0);
    return () => clearTimeout(timer);
  }, [state, sumError]);

  // With a 認定, errors at the fields it fixes are listed in its panel, which takes the focus when
  // no input in error has it (conform has no input to focus there).
  const fixedErrors = certification
    ? FIXED_BY_CERTIFICATION.flatMap((name) => (fields[name].errors ?? []).map((message) => ({ name, message })))
    : [];
  const fixedErrorsRef = useRef<HTMLDivElement>(null);
  const hasFixedErrors = fixedErrors.length > 0;
  useEffect(() => {
    if (!state || !hasFixedErrors) return;
    const timer = setTimeout(() => {
      const active = document.activeElement;
      if (active instanceof HTMLElement && formRef.current?.contains(active) && active.getAttribute('aria-invalid') === 'true') return;
      fixedErrorsRef.current?.focus();
    }, 0);
    return () => clearTimeout(timer);
  }, [state, hasFixedErrors]);

  // 申込者: the open JVs, and the one the application names (a closed one is refused at the field).
  const applicants = jointVentures.filter((j) => j.open || j.id === fields.jointVentureId.initialValue);
  const applicantShown = applicants.length > 0 || certification?.jointVentureId;

  return (
    <ActionForm form={form} action={formAction} ref={formRef}>
      {revision !== undefined ? <input type="hidden" name="revision" value={revision} /> : null}

      {applicantShown ? (
        certification ? (
          <fieldset>
            <legend>{L.sections.applicant}</legend>
            {certification.jointVentureId ? <input type="hidden" name={fields.jointVentureId.name} value={certification.jointVentureId} /> : null}
            <p>{certification.contract.jointVentureName ? L.applicant.fixed(certification.contract.jointVentureName) : L.applicant.self}</p>
          </fieldset>
        ) : (
          <fieldset className="group" aria-describedby={described('applicant')}>
            <legend>
              {L.sections.applicant}
              <span className="required">必須</span>
            </legend>
            <p className="hint" id={described('applicant')}>
              {L.applicant.hint}
            </p>
            <div className="checks">
              {[{ id: '', label: L.applicant.self }, ...applicants.map((j) => ({ id: j.id, label: L.applicant.jointVenture(j.name) }))].map((choice, index) => (
                <label key={choice.id || 'self'} htmlFor={`${fields.jointVentureId.id}-${index}`}>
                  <input
                    type="radio"
                    id={`${fields.jointVentureId.id}-${index}`}
                    name={fields.jointVentureId.name}
                    value={choice.id}
                    defaultChecked={(fields.jointVentureId.initialValue ?? '') === choice.id}
                    aria-describedby={fields.jointVentureId.errors?.length ? fields.jointVentureId.errorId : undefined}
                  />
                  {choice.label}
                </label>
              ))}
            </div>
            <FieldError meta={fields.jointVentureId} />
          </fieldset>
        )
      ) : null}

      <fieldset>
        <legend>{L.sections.guarantee}</legend>
        <ChoiceFieldset meta={fields.guaranteeKind} legend={L.fields.guaranteeKind} required type="radio" options={GUARANTEE_KINDS} labels={GUARANTEE_KIND_LABEL} />
        {kind === 'INTERMEDIATE' ? (
          <SelectField
            meta={fields.certificationId}
            label={L.fields.certificationId}
            hint={certifications.length > 0 ? L.certification.hint : L.certification.noneAvailable}
            placeholder={selected?.requiresCertification ? L.certification.choose : L.certification.none}
            options={certifications.map((c) => ({ value: c.id, label: c.label }))}
          />
        ) : null}
        {certification ? null : (
          <>
        <SelectField
          meta={fields.ordererId}
          label={L.fields.ordererId}
          hint={L.hints.orderer}
          required
          placeholder={L.chooseOrderer}
          options={orderers.map((o) => ({ value: o.id, label: o.name }))}
        />
        <SelectField
          meta={fields.worksDepartmentId}
          label={L.fields.worksDepartmentId}
          hint={L.hints.worksDepartmentId}
          required
          placeholder={L.chooseDepartment}
          groups={(selected ? [selected] : orderers).map((o) => ({ key: o.id, label: o.name, options: o.departments.map((d) => ({ value: d.id, label: d.name })) }))}
        />
          </>
        )}
      </fieldset>

      {certification ? (
        <section className="panel" aria-labelledby={`${form.id}-certified-contract`}>
          <h3 id={`${form.id}-certified-contract`}>{L.certification.contractTitle}</h3>
          <p className="hint">{L.certification.fixed}</p>
          <DetailsList rows={certifiedContractRows(certification.contract)} />
          <div ref={fixedErrorsRef} tabIndex={-1} role="alert" className={hasFixedErrors ? 'form-message error' : undefined}>
            {hasFixedErrors ? (
              <>
                <p>{L.certification.fixedErrors}</p>
                <ul>
                  {fixedErrors.map(({ name, message }) => (
                    <li key={`${name}-${message}`}>
                      {L.certification.fixedError(L.fields[name], message)}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </div>
        </section>
      ) : (
      <fieldset>
        <legend>{L.sections.contract}</legend>
        <InputField meta={fields.projectName} label={L.fields.projectName} required autoComplete="off" />
        <InputField meta={fields.projectLocation} label={L.fields.projectLocation} required autoComplete="off" />
        <ChoiceFieldset meta={fields.workType} legend={L.fields.workType} required type="radio" options={WORK_TYPES} labels={WORK_TYPE_LABEL} />
        <DateField meta={fields.contractDate} label={L.fields.contractDate} required />
        <div className="field-row">
          <DateField meta={fields.periodStart} label={L.fields.periodStart} required />
          <DateField meta={fields.periodEnd} label={L.fields.periodEnd} required />
        </div>
      </fieldset>
      )}

      <fieldset>
        <legend>{L.sections.amounts}</legend>
        <p className="hint" id={described('amounts')}>
          {L.hints.amount} {L.hints.limits}
        </p>
        {/* A 認定's 請負金額 is its 前払金保証's (shown with the contract above). */}
        {(certification ? (['guaranteeAmount'] as const) : (['contractAmount', 'guaranteeAmount'] as const)).map((name) => (
          <InputField
            key={name}
            meta={fields[name]}
            label={L.fields[name]}
            required
            describedBy={described('amounts')}
            inputMode="numeric"
            autoComplete="off"
            className="short"
          />
        ))}
        <p className="hint" id={described('period')}>
          {L.hints.guaranteePeriod}
        </p>
        <div className="field-row">
          <DateField meta={fields.guaranteeStart} label={L.fields.guaranteeStart} required describedBy={described('period')} />
          <DateField meta={fields.guaranteeEnd} label={L.fields.guaranteeEnd} required describedBy={described('period')} />
        </div>
      </fieldset>

      <fieldset hidden={!showDeposit}>
        <legend>{L.sections.deposit}</legend>
        {jv && showDeposit ? (
          <ChoiceFieldset meta={fields.depositMode} legend={L.fields.depositMode} type="radio" options={DEPOSIT_MODES} labels={L.depositMode} />
        ) : null}
        {split && jv ? (
          <div>
            <p className="hint" id={described('deposits')}>
              {L.depositHint}
            </p>
            {rows.map((row, index) => {
              const cells = row.getFieldset();
              const member = jv.members.find((m) => m.organizationId === cells.organizationId.initialValue) ?? jv.members[index];
              if (!member) return null;
              const { key: _shareKey, ...shareProps } = getInputProps(cells.share, {
                type: 'text',
                ariaDescribedBy: [described('deposits'), sumError].filter(Boolean).join(' '),
              });
              return (
                <fieldset key={`${jv.id}-${member.organizationId}`} className="group">
                  <legend>{member.name}</legend>
                  <input type="hidden" name={cells.organizationId.name} value={member.organizationId} />
                  <div className="field-row">
                    <InputField meta={cells.bank} label={L.depositColumns.bank} describedBy={described('deposits')} autoComplete="off" />
                    <InputField meta={cells.branch} label={L.depositColumns.branch} autoComplete="off" />
                    <Field meta={cells.share} label={L.depositColumns.share}>
                      <input
                        {...shareProps}
                        aria-invalid={cells.share.errors?.length || sumError ? true : undefined}
                        data-share=""
                        inputMode="decimal"
                        autoComplete="off"
                        className="short"
                      />
                    </Field>
                  </div>
                </fieldset>
              );
            })}
            <p aria-live="polite">
              <strong>{total === null ? L.depositSumUnknown : L.depositSum(formatShare(total))}</strong>
            </p>
            <FieldError meta={fields.deposits} />
          </div>
        ) : (
          <>
            <p className="hint" id={described('deposit')}>
              {L.hints.deposit}
            </p>
            <div className="field-row">
              <InputField meta={fields.depositBank} label={L.fields.depositBank} describedBy={described('deposit')} autoComplete="off" />
              <InputField meta={fields.depositBranch} label={L.fields.depositBranch} describedBy={described('deposit')} autoComplete="off" />
            </div>
          </>
        )}
      </fieldset>

      <fieldset>
        <legend>{L.sections.delivery}</legend>
        <Field meta={fields.notes} label={L.fields.notes}>
          <Textarea meta={fields.notes} rows={4} />
        </Field>
        <ChoiceFieldset
          meta={fields.deliveryMethod}
          legend={L.fields.deliveryMethod}
          required
          type="radio"
          options={DELIVERY_METHODS}
          labels={L.delivery}
          hintId={described('delivery')}
          hint={
            <>
              {L.hints.deliveryMethod}
              {selected ? (
                <>
                  <br />
                  {selected.electronicRule ?? L.hints.noElectronic(selected.name)}
                </>
              ) : null}
            </>
          }
        />
      </fieldset>

      <div className="actions">
        <SubmitButton name="intent" value="draft" className="button" pendingLabel={L.savingDraft}>
          {L.saveDraft}
        </SubmitButton>
        <SubmitButton name="intent" value="submit" pendingLabel={L.submitting}>
          {L.submit}
        </SubmitButton>
      </div>
    </ActionForm>
  );
}
