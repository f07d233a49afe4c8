import { z } from 'zod';
import { dateInputSchema } from '@/lib/date-input';
import { CONTROL_CHARACTER_MESSAGE, hasControlCharacters, MULTILINE_CONTROL_CHARACTER_MESSAGE } from '@/lib/text';
import type { FieldErrors } from '../result';
import {
  checkJointVenture,
  FULL_SHARE,
  JOINT_VENTURE_KINDS,
  JOINT_VENTURE_MESSAGES as M,
  JOINT_VENTURE_MODES,
  MAX_MEMBERS,
  memberField,
  parseShare,
  type MemberFacts,
} from './rules';

/**
 * The officers' 共同企業体 form, one schema for the page (checked in the browser) and the action and
 * use case (authoritative). The members table sends one row per line — `members[0].organizationId`
 * (the company chosen), `members[0].companyName` (the text in its box), `members[0].share` — and the
 * 代表者 as the row's number (`representative`, one radio button per row); a row left blank (no
 * company chosen, nothing typed in its box, no share) is ignored, so a browser without JavaScript can
 * fill in the spare rows.
 */

/** Rows the form may send: the most members and one spare (the form pads one blank row). */
export const MAX_FORM_ROWS = MAX_MEMBERS + 1;

const text = (label: string, max: number) =>
  z
    .string({ error: `${label}を入力してください。` })
    .trim()
    .min(1, `${label}を入力してください。`)
    .max(max, `${label}は${max}文字以内で入力してください。`)
    .refine((v) => !hasControlCharacters(v), `${label}に${CONTROL_CHARACTER_MESSAGE}`);

const optionalText = (label: string, max: number, { multiline = false } = {}) =>
  z
    .string()
    .trim()
    .max(max, `${label}は${max}文字以内で入力してください。`)
    .refine((v) => !hasControlCharacters(v, { multiline }), `${label}に${multiline ? MULTILINE_CONTROL_CHARACTER_MESSAGE : CONTROL_CHARACTER_MESSAGE}`)
    .optional()
    .transform((v) => (v ? v : undefined));

// What a hostile or broken post may send in the members table is read as blank, so that every refusal
// is one of the form's own Japanese messages (never zod's English): a cell that is not one text (a field
// sent twice, an object) or is too long is blank, and the row's check then names what is missing; a
// row that is not a row is blank; members that are not rows, or too many of them, are none, and the
// count's check says how many are allowed.
const cell = z.string().max(100).optional().catch(undefined);
// The text typed in the company box: only whether there is any counts (a name typed and never chosen
// from the list is refused at the row's company, never dropped as a blank row), so any length reads.
const typedCell = z.string().optional().catch((ctx) => (ctx.input == null ? undefined : 'x'));
const memberRow = z.object({ organizationId: cell, companyName: typedCell, share: cell }).partial().optional().nullable().catch(undefined);
const memberRows = z.array(memberRow).max(MAX_FORM_ROWS, M.memberCount).default([]).catch([]);

const UUID = z.uuid();

/** The members as typed: each filled row's company and share, and the issues of the rows at their cells. */
function readMembers(rows: unknown, representative: unknown): { members: MemberFacts[]; issues: { path: (string | number)[]; message: string }[] } {
  const members: MemberFacts[] = [];
  const issues: { path: (string | number)[]; message: string }[] = [];
  if (!Array.isArray(rows)) return { members, issues };
  rows.forEach((row: { organizationId?: unknown; companyName?: unknown; share?: unknown } | null | undefined, index) => {
    const organizationId = typeof row?.organizationId === 'string' ? row.organizationId.trim() : '';
    const typed = typeof row?.companyName === 'string' ? row.companyName.trim() : '';
    const shareText = typeof row?.share === 'string' ? row.share.trim() : '';
    if (!organizationId && !typed && !shareText) return; // a blank row
    if (!organizationId) issues.push({ path: ['members', index, 'organizationId'], message: typed ? M.companyNotChosen : M.companyRequired });
    else if (!UUID.safeParse(organizationId).success) issues.push({ path: ['members', index, 'organizationId'], message: M.unknownCompany });
    const share = shareText ? parseShare(shareText) : null;
    if (share === null || share <= 0 || share > FULL_SHARE) issues.push({ path: ['members', index, 'share'], message: M.share });
    if (organizationId && share !== null) {
      members.push({ row: index, organizationId, role: String(index) === representative ? 'REPRESENTATIVE' : 'MEMBER', shareBasisPoints: share });
    }
  });
  if (issues.length === 0) {
    for (const [field, messages] of Object.entries(checkJointVenture(members))) {
      for (const message of messages) issues.push({ path: pathOf(field), message });
    }
  }
  return { members, issues };
}

export const jointVentureSchema = z
  .object({
    name: text('名称', 100),
    nameKana: optionalText('名称（カナ）', 100),
    kind: z.enum(JOINT_VENTURE_KINDS, { error: '種類を選択してください。' }),
    mode: z.enum(JOINT_VENTURE_MODES, { error: '施工方式を選択してください。' }),
    formedOn: dateInputSchema('結成日').optional(),
    representative: z.string().max(2).optional().catch(undefined),
    members: memberRows,
    note: optionalText('備考', 500, { multiline: true }),
  })
  // The members are checked whatever else is wrong (the officer sees every error at once).
  .superRefine(
    (value, ctx) => {
      for (const issue of readMembers(value.members, value.representative).issues) ctx.addIssue({ code: 'custom', ...issue });
    },
    { when: () => true },
  )
  .transform((value) => {
    const { members } = readMembers(value.members, value.representative);
    // 代表者 first, then as entered (JointVentureMember.sortOrder).
    const ordered = [...members].sort((a, b) => Number(b.role === 'REPRESENTATIVE') - Number(a.role === 'REPRESENTATIVE') || a.row - b.row);
    return {
      name: value.name,
      nameKana: value.nameKana,
      kind: value.kind,
      mode: value.mode,
      formedOn: value.formedOn,
      note: value.note,
      members: ordered,
    };
  });

export type JointVentureInput = z.input<typeof jointVentureSchema>;
export type JointVentureValues = z.output<typeof jointVentureSchema>;

/** 'members[1].share' → ['members', 1, 'share'] (the issue's path, which conform names back). */
function pathOf(field: string): (string | number)[] {
  return field.split(/[.[\]]/).filter(Boolean).map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** zod issues → field errors named as the form names its fields (`members[0].share`, conform's names). */
export function formFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i ? '.' : ''}${String(part)}`)).join('');
    const list = (out[key] ??= []);
    if (!list.includes(issue.message)) list.push(issue.message);
  }
  return out;
}

/** The member's cell where an error about that company is shown. */
export { memberField };

export const closeJointVentureSchema = z.object({ closedOn: dateInputSchema('解散日') });
export type CloseJointVentureInput = z.input<typeof closeJointVentureSchema>;
