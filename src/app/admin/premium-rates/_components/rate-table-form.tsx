'use client';

import { getInputProps } from '@conform-to/react';
import { useMemo, useRef } from 'react';
import { DateField } from '@/components/date-field';
import { ActionForm, Field, FieldError, InputField, SelectField, SubmitButton, Textarea, useActionForm, type FormResult } from '@/components/form';
import { GUARANTEE_KIND_LABEL } from '@/domain/labels';
import { GUARANTEE_KINDS, ROUNDING_LABEL, ROUNDING_RULES } from '@/domain/premium/calculate';
import { formatYen } from '@/lib/money';
import {
  FORM_ROWS,
  MAX_BANDS,
  MAX_TIERS,
  ROUNDING_UNIT_VALUES,
  parseDaysText,
  parseYenText,
  rateTableFormSchema,
  type RateTableFormInput,
} from '@/domain/premium/schemas';
import { useHydrated } from '../../users/_components/use-hydrated';
import { PREMIUM_RATE_LABELS } from '../labels';
import styles from './premium-rates.module.css';

const L = PREMIUM_RATE_LABELS.form;

type Action = (prev: FormResult | undefined, formData: FormData) => Promise<FormResult>;

interface GridValue {
  tiers: { upTo: string; rates: string[] }[];
  bands: { upTo: string }[];
}

/**
 * The grid as the form starts: at least FORM_ROWS rows and columns (one more than a prefilled table
 * uses, up to the maximum), so that a browser without JavaScript can still add tiers and bands by
 * filling in blank ones; blank rows and columns are ignored.
 */
function paddedGrid(grid: RateTableFormInput['grid']): GridValue {
  const given = { tiers: grid?.tiers ?? [], bands: grid?.bands ?? [] };
  const tierCount = Math.min(MAX_TIERS, Math.max(FORM_ROWS, given.tiers.length + 1));
  const bandCount = Math.min(MAX_BANDS, Math.max(FORM_ROWS, given.bands.length + 1));
  return {
    tiers: Array.from({ length: tierCount }, (_, i) => ({
      upTo: given.tiers[i]?.upTo ?? '',
      rates: Array.from({ length: bandCount }, (__, j) => given.tiers[i]?.rates?.[j] ?? ''),
    })),
    bands: Array.from({ length: bandCount }, (_, j) => ({ upTo: given.bands[j]?.upTo ?? '' })),
  };
}

/** 「1円」, 「100,000,001円」…: where each row starts, given the upper bounds typed so far. */
function lowerBounds<T extends bigint | number>(
  tops: unknown[],
  parse: (text: string) => T | null,
  show: (floor: T) => string,
  start: T,
): string[] {
  const out: string[] = [];
  let floor = start;
  for (const value of tops) {
    out.push(show(floor));
    const top = typeof value === 'string' && value.trim() ? parse(value) : null;
    if (top !== null && top > floor) floor = top;
  }
  return out;
}

/**
 * A new rate table: kind, 適用開始日, minimum premium, rounding, and the grid of rates (rows = amount
 * tiers, columns = period bands, each with its upper bound). With JavaScript, rows and columns can be
 * added and removed; without it, the fixed rows are there and blank ones are ignored.
 */
export function RateTableForm({ action, defaultValue }: { action: Action; defaultValue: Partial<RateTableFormInput> }) {
  const initial = useMemo(() => ({ ...defaultValue, grid: paddedGrid(defaultValue.grid) }), [defaultValue]);
  const { form, fields, formAction } = useActionForm(action, rateTableFormSchema, { defaultValue: initial });
  const hydrated = useHydrated();
  const formRef = useRef<HTMLFormElement>(null);
  const addTierRef = useRef<HTMLButtonElement>(null);
  const addBandRef = useRef<HTMLButtonElement>(null);

  const grid = fields.grid.getFieldset();
  const tiers = grid.tiers.getFieldList().map((tier) => {
    const t = tier.getFieldset();
    return { key: tier.key, upTo: t.upTo, rates: t.rates.getFieldList() };
  });
  const bands = grid.bands.getFieldList().map((band) => ({ key: band.key, upTo: band.getFieldset().upTo }));

  /** What is typed in the grid now (the DOM is the truth: inputs are uncontrolled). */
  const currentGrid = (): GridValue => {
    const data = formRef.current ? new FormData(formRef.current) : new FormData();
    const text = (name: string) => {
      const value = data.get(name);
      return typeof value === 'string' ? value : '';
    };
    return {
      tiers: tiers.map((t) => ({ upTo: text(t.upTo.name), rates: bands.map((_, j) => (t.rates[j] ? text(t.rates[j].name) : '')) })),
      bands: bands.map((b) => ({ upTo: text(b.upTo.name) })),
    };
  };
  const change = (edit: (g: GridValue) => void, focus?: HTMLElement | null) => {
    const next = currentGrid();
    edit(next);
    form.update({ name: fields.grid.name, value: next, validated: false });
    focus?.focus();
  };

  // The lower bound of each row and column follows from the last upper bound typed above it.
  const tierFrom = lowerBounds(
    tiers.map((t) => t.upTo.value),
    (text) => parseYenText(text),
    (floor) => `${formatYen(floor + 1n)}円`,
    0n,
  );
  const bandFrom = lowerBounds(
    bands.map((b) => b.upTo.value),
    (text) => parseDaysText(text),
    (floor) => `${floor + 1}日`,
    0,
  );

  const gridHint = `${form.id}-grid-hint`;

  return (
    <ActionForm form={form} action={formAction} ref={formRef} className={`form ${styles.wideForm}`}>
      <fieldset>
        <legend>{L.sections.basic}</legend>
        <SelectField
          meta={fields.guaranteeKind}
          label={L.fields.guaranteeKind}
          required
          placeholder={L.choose}
          options={GUARANTEE_KINDS.map((kind) => ({ value: kind, label: GUARANTEE_KIND_LABEL[kind] }))}
          className="short"
        />
        <DateField meta={fields.effectiveFrom} label={L.fields.effectiveFrom} hint={L.hints.effectiveFrom} required />
        <InputField
          meta={fields.minimumPremium}
          label={L.fields.minimumPremium}
          hint={L.hints.minimumPremium}
          required
          inputMode="numeric"
          autoComplete="off"
          className="short"
        />
        <SelectField
          meta={fields.roundingUnit}
          label={L.fields.roundingUnit}
          hint={L.hints.rounding}
          required
          placeholder={L.choose}
          options={ROUNDING_UNIT_VALUES.map((unit) => ({ value: unit, label: L.roundingUnits[unit] }))}
          className="short"
        />
        <SelectField
          meta={fields.rounding}
          label={L.fields.rounding}
          required
          placeholder={L.choose}
          options={ROUNDING_RULES.map((rule) => ({ value: rule, label: ROUNDING_LABEL[rule] }))}
          className="short"
        />
      </fieldset>

      <fieldset aria-describedby={gridHint}>
        <legend>{L.sections.grid}</legend>
        <p className="hint" id={gridHint}>
          {L.hints.grid}
        </p>
        <div className="table-wrap">
          <table className={`table ${styles.formGrid}`}>
            <thead>
              <tr>
                <th scope="col">{L.corner}</th>
                {bands.map((band, j) => {
                  const { key: _key, ...inputProps } = getInputProps(band.upTo, { type: 'text' });
                  return (
                    <th scope="col" key={band.key ?? j}>
                      <div className={styles.head}>
                        <span>{L.band(j)}</span>
                        <span className={styles.from}>{L.from(bandFrom[j] ?? '')}</span>
                        <span className={styles.cell}>
                          <input {...inputProps} aria-label={L.bandUpTo(j)} inputMode="numeric" autoComplete="off" />
                          <span>{L.dayUnit}</span>
                        </span>
                        <FieldError meta={band.upTo} />
                        {hydrated && bands.length > 1 ? (
                          <button
                            type="button"
                            className="button small"
                            aria-label={L.removeBand(j)}
                            onClick={() =>
                              change((g) => {
                                g.bands.splice(j, 1);
                                for (const t of g.tiers) t.rates.splice(j, 1);
                              }, addBandRef.current)
                            }
                          >
                            {L.remove}
                          </button>
                        ) : null}
                      </div>
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {tiers.map((tier, i) => {
                const { key: _key, ...upToProps } = getInputProps(tier.upTo, { type: 'text' });
                return (
                  <tr key={tier.key ?? i}>
                    <th scope="row">
                      <div className={styles.head}>
                        <span>{L.tier(i)}</span>
                        <span className={styles.from}>{L.from(tierFrom[i] ?? '')}</span>
                        <span className={styles.cell}>
                          <input {...upToProps} className={styles.bound} aria-label={L.tierUpTo(i)} inputMode="numeric" autoComplete="off" />
                          <span>{L.yenUnit}</span>
                        </span>
                        <FieldError meta={tier.upTo} />
                        {hydrated && tiers.length > 1 ? (
                          <button
                            type="button"
                            className="button small"
                            aria-label={L.removeTier(i)}
                            onClick={() => change((g) => void g.tiers.splice(i, 1), addTierRef.current)}
                          >
                            {L.remove}
                          </button>
                        ) : null}
                      </div>
                    </th>
                    {bands.map((band, j) => {
                      const rate = tier.rates[j];
                      if (!rate) return <td key={band.key ?? j} />;
                      const { key: _rateKey, ...rateProps } = getInputProps(rate, { type: 'text' });
                      return (
                        <td key={band.key ?? j}>
                          <span className={styles.cell}>
                            <input {...rateProps} aria-label={L.rate(i, j)} inputMode="decimal" autoComplete="off" />
                            <span>{L.percent}</span>
                          </span>
                          <FieldError meta={rate} />
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {hydrated ? (
          <div className={styles.gridActions}>
            <button
              type="button"
              ref={addTierRef}
              className="button"
              disabled={tiers.length >= MAX_TIERS}
              onClick={() => change((g) => void g.tiers.push({ upTo: '', rates: g.bands.map(() => '') }))}
            >
              {L.addTier}
            </button>
            <button
              type="button"
              ref={addBandRef}
              className="button"
              disabled={bands.length >= MAX_BANDS}
              onClick={() =>
                change((g) => {
                  g.bands.push({ upTo: '' });
                  for (const t of g.tiers) t.rates.push('');
                })
              }
            >
              {L.addBand}
            </button>
          </div>
        ) : null}
      </fieldset>

      <fieldset>
        <legend>{L.sections.note}</legend>
        <Field meta={fields.note} label={L.fields.note} hint={L.hints.note}>
          <Textarea meta={fields.note} ariaDescribedBy={`${fields.note.id}-hint`} rows={3} />
        </Field>
      </fieldset>

      <div className="actions">
        <SubmitButton pendingLabel={L.pending}>{L.submit}</SubmitButton>
      </div>
    </ActionForm>
  );
}
