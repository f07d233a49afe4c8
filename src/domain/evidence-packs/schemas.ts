import { z } from 'zod';
import { EVIDENCE_PACK_MESSAGES as M } from './labels';

/** The request form (pure: the browser's check and the action's parse); the use case checks the rest. */
export const evidencePackFormSchema = z.object({
  scope: z.enum(['year', 'numbers'], { error: M.scopeRequired }),
  fiscalYear: z.string({ error: M.fiscalYearRequired }).trim().optional(),
  numbers: z.string().optional(),
});

export type EvidencePackForm = z.infer<typeof evidencePackFormSchema>;

/** Numbers typed one a line, or separated by 、 , spaces. */
export const splitNumbers = (text: string) =>
  text
    .split(/[\s,、，;；]+/u)
    .map((t) => t.trim())
    .filter(Boolean);

export const MAX_NUMBERS = 500;
/** Packs waiting or being built at once, per orderer. */
export const MAX_OPEN_PACKS = 3;
