import type { SubmissionResult } from '@conform-to/react';
import type { PremiumLine } from '@/domain/premium/calculate';
import { formatPremiumDifference, formatTermValue } from './format';
import type { PreviewedChange } from './record-change';
import type { ReasonNote } from './rules';

/** What 確認 shows the officer before 登録: plain strings, so it crosses from the action to the form. */
export interface ChangeSummary {
  kind: 'NEW_VERSION' | 'RECORD_ONLY';
  reasonNote: ReasonNote;
  /** The version 登録 would issue. */
  nextVersion: number | null;
  electronic: boolean;
  fields: { field: string; label: string; before: string; after: string }[];
  premium: { lines: PremiumLine[]; difference: string; isDemo: boolean } | null;
  /** The values the preview was made from (set by the action; 登録 must send it back unchanged). */
  fingerprint?: string;
}

export interface ChangeFormState {
  result?: SubmissionResult<string[]>;
  preview?: ChangeSummary;
}

export function summarizeChange({ decision, premium, electronic }: PreviewedChange): ChangeSummary {
  return {
    electronic,
    kind: decision.kind,
    reasonNote: decision.reasonNote,
    nextVersion: decision.kind === 'NEW_VERSION' ? decision.newContent.version : null,
    fields: decision.fields.map((f) => ({ field: f.field, label: f.label, before: formatTermValue(f.field, f.before), after: formatTermValue(f.field, f.after) })),
    premium: premium ? { lines: premium.lines, difference: formatPremiumDifference(premium.differenceYen), isDemo: premium.isDemo } : null,
  };
}
