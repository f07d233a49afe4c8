import { z } from 'zod';
import { date, yen } from '@/domain/applications/fields';
import { parseBasisPoints } from '@/lib/percent';
import { hasControlCharacters, withoutControlCharacters } from '@/lib/text';
import {
  CERTIFICATION_FIELD_LABEL as F,
  CERTIFICATION_FILES as FILES,
  CERTIFICATION_MESSAGES as RULE_MESSAGES,
  CERTIFICATION_USE_CASE_MESSAGES as M,
} from './labels';

/**
 * The 中間前払金 認定's inputs (a boundary: forms and actions), one schema per use case. The fields are
 * read as people type them (全角 digits, 「48.5％」, 2026/10/15, 令和8年10月15日); the rules that need the
 * contract (rules.ts checkRequest) run in the use case once the 前払金保証 is read.
 */

/** One uploaded file as the action hands it over: the browser's name and declared type, and its bytes. */
export interface UploadedFile {
  name: string;
  type: string;
  bytes: Uint8Array;
}

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

/** A UTF-16 unit of a pair standing alone: JSON (jsonb) and UTF-8 cannot carry it. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * A file name as given, without a path (a browser may send `C:\…\報告書.pdf`), without control or
 * bidirectional characters (decision 043's rule; 「evil\u202Eexe.pdf」 would read 「evilfdp.exe」), and
 * trimmed; not cut. The PDF check reads this name (a long `….exe` never turns into a `.pdf` by cutting).
 */
export function plainFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  return withoutControlCharacters(base.replace(LONE_SURROGATE, '\ufffd'), { bidi: true }).trim();
}

/**
 * The name kept: plainFileName, at most 200 characters counted by code points (a cut never splits a
 * surrogate pair, which the audit row's jsonb would refuse), its last 4 characters (the `.pdf`) kept.
 */
export function cleanFileName(name: string): string {
  const chars = Array.from(plainFileName(name));
  if (chars.length <= FILES.maxNameLength) return chars.join('');
  return [...chars.slice(0, FILES.maxNameLength - 4), ...chars.slice(-4)].join('');
}

/** PDF only (D18): the name ends in .pdf, the declared type (when the browser gives one) is application/pdf, the bytes start with %PDF-. */
export function isPdf(file: UploadedFile): boolean {
  if (!/\.pdf$/i.test(file.name)) return false;
  if (file.type !== '' && file.type !== 'application/pdf') return false;
  return PDF_MAGIC.every((b, i) => file.bytes[i] === b);
}

/** The longest name and declared type read at all (longer ones are refused at `files`, not cut). */
const MAX_RAW_NAME = 1000;
const MAX_RAW_TYPE = 200;

const uploadedFile = z.object(
  {
    name: z.string({ error: M.fileName }),
    type: z.string({ error: M.filesCount }),
    bytes: z.instanceof(Uint8Array, { error: M.filesCount }),
  },
  { error: M.filesCount },
);

/** The files: 1–3, each a PDF of at most 10 MB, errors at `files` naming the file. */
const files = z
  .array(uploadedFile, { error: M.filesCount })
  .superRefine((list, ctx) => {
    if (list.length < FILES.min || list.length > FILES.max) {
      ctx.addIssue({ code: 'custom', message: M.filesCount });
      return;
    }
    for (const file of list) {
      if (file.name.length > MAX_RAW_NAME) {
        ctx.addIssue({ code: 'custom', message: M.fileNameLength });
        continue;
      }
      // The checks read the whole name; the messages name it as it will be kept.
      const plain = plainFileName(file.name);
      const name = cleanFileName(file.name);
      if (plain === '' || /^\.pdf$/i.test(plain)) ctx.addIssue({ code: 'custom', message: M.fileName });
      else if (file.bytes.length === 0) ctx.addIssue({ code: 'custom', message: M.fileEmpty(name) });
      else if (file.bytes.length > FILES.maxBytes) ctx.addIssue({ code: 'custom', message: M.fileTooLarge(name) });
      else if (file.type.length > MAX_RAW_TYPE || !isPdf({ ...file, name: plain })) ctx.addIssue({ code: 'custom', message: M.fileNotPdf(name) });
    }
  })
  .transform((list) => list.map((f) => ({ name: cleanFileName(f.name), bytes: f.bytes })));

const progress = (field: 'plannedProgress' | 'actualProgress') =>
  z
    .string({ error: RULE_MESSAGES.progressRange(field) })
    .max(20, RULE_MESSAGES.progressRange(field))
    .transform((value, ctx) => {
      const bp = parseBasisPoints(value);
      if (bp === null || bp > 10_000) {
        ctx.addIssue({ code: 'custom', message: RULE_MESSAGES.progressRange(field) });
        return z.NEVER;
      }
      return bp;
    });

/** A checkbox as forms send it ('on', 'true') or a boolean. */
const checkbox = z
  .union([z.boolean(), z.string()])
  .optional()
  .transform((v) => v === true || v === 'on' || v === 'true');

const optionalNote = (max: number, { multiline, length, control }: { multiline: boolean; length: string; control: string }) =>
  z
    .string()
    .trim()
    .max(max, length)
    .refine((v) => !hasControlCharacters(v, { multiline }), control)
    .optional()
    .transform((v) => (v ? v : null));

export const requestCertificationSchema = z.object({
  guaranteeNumber: z.string({ error: M.guaranteeNotFound }).max(40, M.guaranteeNotFound),
  reportedOn: date(F.reportedOn),
  plannedProgress: progress('plannedProgress'),
  actualProgress: progress('actualProgress'),
  workDoneAmount: yen(F.workDoneAmount),
  requestedAmount: yen(F.requestedAmount),
  noPartialPayment: checkbox,
  note: optionalNote(1000, { multiline: true, length: M.noteLength, control: M.noteControl }),
  files,
});

export type RequestCertificationInput = z.output<typeof requestCertificationSchema>;

/**
 * The revision the page was loaded at (two tabs, two clerks): a number or its digits. Anything else
 * reads as absent, as every edit form's `revisionOf` (src/actions/action-helpers.ts) reads it: the
 * decision's own checks (the row lock, 認定待ち only) still hold, and no English reaches the form.
 */
const expectedRevision = z.unknown().optional().transform((v): number | undefined => {
  if (typeof v === 'number') return Number.isSafeInteger(v) && v >= 0 ? v : undefined;
  if (typeof v === 'string' && /^\d{1,9}$/.test(v.trim())) return Number(v.trim());
  return undefined;
});

export const withdrawCertificationSchema = z.object({ expectedRevision });

/**
 * The clerk's decision: 認定 with an optional 付記 (printed on the 認定調書: one line's worth, ≤ 200
 * characters, decision 066), or 不認定 with its reason (required, ≤ 1000, several lines allowed).
 */
export const decideCertificationSchema = z.discriminatedUnion(
  'decision',
  [
    z.object({
      decision: z.literal('CERTIFY'),
      note: optionalNote(200, { multiline: false, length: M.decisionNoteLength, control: M.decisionNoteControl }),
      expectedRevision,
    }),
    z.object({
      decision: z.literal('REFUSE'),
      note: z
        .string({ error: M.refusalReasonRequired })
        .trim()
        .min(1, M.refusalReasonRequired)
        .max(1000, M.refusalReasonLength)
        .refine((v) => !hasControlCharacters(v, { multiline: true }), M.refusalReasonControl),
      expectedRevision,
    }),
  ],
  { error: M.decisionChoice },
);

export type DecideCertificationInput = z.output<typeof decideCertificationSchema>;

/**
 * The request form's typed fields, for the browser's checks and the action's reply (the files travel
 * apart: the action reads them from the form data and requestCertification checks them with the rest).
 */
export const requestCertificationFormSchema = requestCertificationSchema.omit({ files: true });

/** The files alone (the action checks them even when a typed field is wrong, so every error shows at once). */
export const certificationFilesSchema = requestCertificationSchema.shape.files;
