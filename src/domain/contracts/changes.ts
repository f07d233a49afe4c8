import { formatYen } from '@/lib/money';
import { formatJapaneseDateShort } from '@/lib/wareki';
import { CONTRACT_FIELD_LABEL, shareText, type ContractField } from './labels';

/**
 * A contract's values and what changed between two of them (pure): a revision's history line, and the
 * preview's 新規 / 変更 / 変更なし of an imported row.
 */
export interface ContractValues {
  contractNumber: string;
  projectName: string;
  contractorName: string;
  contractAmount: bigint;
  /** 'YYYY-MM-DD' */
  contractDate: string;
  periodStart: string;
  periodEnd: string;
  advanceShareBp: number | null;
  performanceShareBp: number | null;
  departmentId: string | null;
  /** The 工事担当課's name (the history keeps it as it was called then). */
  departmentName: string | null;
}

/** One field's change, values as text (digits, ISO dates, basis points, the department's name); null: none. */
export interface FieldChange {
  field: ContractField;
  before: string | null;
  after: string | null;
}

/** The order fields are compared and listed in. */
export const CHANGE_FIELDS = [
  'contractNumber',
  'projectName',
  'contractorName',
  'contractAmount',
  'contractDate',
  'periodStart',
  'periodEnd',
  'advanceShare',
  'performanceShare',
  'department',
] as const satisfies readonly ContractField[];

/** A field's value as text (what a change records). */
export function fieldText(values: ContractValues, field: ContractField): string | null {
  switch (field) {
    case 'contractAmount':
      return values.contractAmount.toString();
    case 'advanceShare':
      return values.advanceShareBp === null ? null : String(values.advanceShareBp);
    case 'performanceShare':
      return values.performanceShareBp === null ? null : String(values.performanceShareBp);
    case 'department':
      return values.departmentName;
    default:
      return values[field];
  }
}

/** What differs from `before` to `after` (a new contract: `before` null, every field that has a value). */
export function contractChanges(before: ContractValues | null, after: ContractValues): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of CHANGE_FIELDS) {
    const was = before ? fieldText(before, field) : null;
    const now = fieldText(after, field);
    // The department compares by id (a renamed 課 is the same 課), the rest by value.
    const same = field === 'department' && before ? before.departmentId === after.departmentId : was === now;
    if (!same) changes.push({ field, before: was, after: now });
  }
  return changes;
}

/** A change's value as the history shows it: 40,000,000円, 2026/04/01（R8.4.1）, 10分の4, —. */
export function changeValueText(field: ContractField, value: string | null): string {
  if (value === null || value === '') return field === 'advanceShare' || field === 'performanceShare' ? shareText(null) : '—';
  switch (field) {
    case 'contractAmount':
      return `${formatYen(BigInt(value))}円`;
    case 'contractDate':
    case 'periodStart':
    case 'periodEnd':
      return `${value.replaceAll('-', '/')}（${formatJapaneseDateShort(value)}）`;
    case 'advanceShare':
    case 'performanceShare':
      return shareText(Number(value));
    default:
      return value;
  }
}

/** 「請負金額：40,000,000円 → 44,000,000円」; of a contract's first revision (`first`), the value alone. */
export const changeLine = (c: FieldChange, first = false) =>
  first
    ? `${CONTRACT_FIELD_LABEL[c.field]}：${changeValueText(c.field, c.after)}`
    : `${CONTRACT_FIELD_LABEL[c.field]}：${changeValueText(c.field, c.before)} → ${changeValueText(c.field, c.after)}`;

/** A changes JSON as stored, read back tolerantly (an unknown field is skipped). */
export function readChanges(json: unknown): FieldChange[] {
  if (!Array.isArray(json)) return [];
  return json.filter(
    (c): c is FieldChange =>
      typeof c === 'object' && c !== null && (CHANGE_FIELDS as readonly string[]).includes((c as FieldChange).field) && ((c as FieldChange).before === null || typeof (c as FieldChange).before === 'string') && ((c as FieldChange).after === null || typeof (c as FieldChange).after === 'string'),
  );
}
