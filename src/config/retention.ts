import { z } from 'zod';

/**
 * How long the rows that are not kept for good are kept (decision 054), from the environment, in days.
 * Every instance must be given the same values (whichever instance runs the sweep applies its own).
 * A value that is not a whole number of days, or is below the decision's floor, stops the start
 * (boot.ts) with the reason: a typo must never delete a year of records.
 *   - RETENTION_LOOKUP_ATTEMPT_DAYS (1827 ≈ 5 years, floor 366): 照会記録, every lookup attempt;
 *   - RETENTION_MAIL_DAYS (1827, floor 366): 送信メール sent or failed for good, with their attachments
 *     (a 発注者へ送信's mail is kept with the guarantee, never swept);
 *   - RETENTION_AUDIT_DAYS (1827, floor 366): 操作記録 about accounts, organisations, departments,
 *     gateway ranges, API tokens, mails, lookup locks and the sweep itself (the rows about a
 *     guarantee, an application or a premium rate table are kept for good);
 *   - RETENTION_SIGN_IN_AUDIT_DAYS (366, floor 183): the sign-in rows (ログイン, its failures and refusals);
 *   - RETENTION_CONTRACT_PREVIEW_DAYS (7, floor 1): 契約台帳 files read but never imported (a preview left
 *     waiting, or set aside with 取りやめる), with the rows they hold (decision 068); an imported file
 *     stays, its revisions name it;
 *   - RETENTION_EVIDENCE_PACK_DAYS (30, floor 1): an evidence pack's ZIP (証拠書類の一括出力, decision 074)
 *     after it was built; the pack's row (who built which 年度 when, its size and SHA-256) stays.
 * Expired rate-limit windows and expired sessions carry nothing once over: they are removed without a setting.
 */
export const RETENTION_VARIABLES = {
  lookupAttemptDays: { name: 'RETENTION_LOOKUP_ATTEMPT_DAYS', fallback: 1827, floor: 366 },
  mailDays: { name: 'RETENTION_MAIL_DAYS', fallback: 1827, floor: 366 },
  auditDays: { name: 'RETENTION_AUDIT_DAYS', fallback: 1827, floor: 366 },
  signInAuditDays: { name: 'RETENTION_SIGN_IN_AUDIT_DAYS', fallback: 366, floor: 183 },
  contractPreviewDays: { name: 'RETENTION_CONTRACT_PREVIEW_DAYS', fallback: 7, floor: 1 },
  evidencePackDays: { name: 'RETENTION_EVIDENCE_PACK_DAYS', fallback: 30, floor: 1 },
} as const;

export type RetentionPeriods = Record<keyof typeof RETENTION_VARIABLES, number>;

/** Longer than any record needs (a hundred years): beyond it a value is a typo. */
const MAX_DAYS = 36_500;

function days(variable: { name: string; fallback: number; floor: number }) {
  return z
    .string()
    .trim()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined || text === '') return variable.fallback;
      const n = /^\d{1,6}$/.test(text) ? Number(text) : NaN;
      if (!(n >= variable.floor && n <= MAX_DAYS)) {
        ctx.addIssue({
          code: 'custom',
          message: `${variable.name} must be a whole number of days from ${variable.floor} (decision 054's floor) to ${MAX_DAYS} (got "${text.slice(0, 20)}").`,
        });
        return z.NEVER;
      }
      return n;
    });
}

const schema = z.object(
  Object.fromEntries(Object.entries(RETENTION_VARIABLES).map(([key, v]) => [key, days(v)])) as {
    [K in keyof typeof RETENTION_VARIABLES]: ReturnType<typeof days>;
  },
);

/** The retention periods in force; throws with every malformed or too short value named. */
export function retentionPeriods(env: Record<string, string | undefined> = process.env): RetentionPeriods {
  const input = Object.fromEntries(Object.entries(RETENTION_VARIABLES).map(([key, v]) => [key, env[v.name]]));
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => issue.message).join(' '));
  return parsed.data;
}
