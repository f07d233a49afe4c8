import { Field } from '@/components/form';
import { computePremium, type RateTableInput } from '@/domain/premium/calculate';
import { formatYen } from '@/lib/money';
import { premiumPreviewSchema } from '@/domain/premium/schemas';
import { toFieldErrors } from '@/domain/zod-errors';
import { PREMIUM_RATE_LABELS as L } from '../labels';
import { PremiumLines } from './rate-table-view';
import styles from './premium-rates.module.css';

const P = L.preview;

/**
 * The officer's calculator on a table's page: a plain GET form (works without JavaScript, the inputs
 * stay in the URL), answered with the computation line by line. Nothing is stored.
 */
export function PremiumPreview({ table, action, amount, days }: { table: RateTableInput; action: string; amount?: string; days?: string }) {
  const asked = amount !== undefined || days !== undefined;
  const parsed = asked ? premiumPreviewSchema.safeParse({ amount, days }) : null;
  const errors = parsed && !parsed.success ? toFieldErrors(parsed.error) : {};
  let result: ReturnType<typeof computePremium> | null = null;
  let outOfTable = false;
  if (parsed?.success) {
    try {
      result = computePremium(table, { guaranteeAmount: parsed.data.amount, periodDays: parsed.data.days });
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      outOfTable = true;
    }
  }
  const meta = (name: 'amount' | 'days') => ({ id: `preview-${name}`, name, errorId: `preview-${name}-error`, errors: errors[name] });
  const a11y = (name: 'amount' | 'days') => {
    const m = meta(name);
    const invalid = Boolean(m.errors?.length);
    return {
      id: m.id,
      name: m.name,
      'aria-invalid': invalid || undefined,
      'aria-describedby': [invalid ? m.errorId : null, `${m.id}-hint`].filter(Boolean).join(' '),
    };
  };
  return (
    <section className="panel" aria-labelledby="preview-heading">
      <h2 id="preview-heading">{P.heading}</h2>
      <p className="lead">{P.lead}</p>
      <form action={`${action}#preview-heading`} method="get" className={styles.preview} noValidate>
        <Field meta={meta('amount')} label={P.amount} hint={P.amountHint}>
          <input {...a11y('amount')} type="text" inputMode="numeric" defaultValue={amount ?? ''} autoComplete="off" maxLength={40} />
        </Field>
        <Field meta={meta('days')} label={P.days} hint={P.daysHint}>
          <input {...a11y('days')} type="text" inputMode="numeric" defaultValue={days ?? ''} autoComplete="off" maxLength={20} className="short" />
        </Field>
        <div className="actions">
          <button type="submit" className="button">
            {P.submit}
          </button>
        </div>
      </form>
      {outOfTable ? (
        <p className="form-message error" role="alert">
          {P.outOfTable}
        </p>
      ) : null}
      {result && parsed?.success ? (
        <div role="status">
          <PremiumLines lines={result.lines} caption={P.resultHeading(formatYen(parsed.data.amount), parsed.data.days.toLocaleString('ja-JP'))} />
        </div>
      ) : null}
    </section>
  );
}
