import { z } from 'zod';

/**
 * What a 変更保証料計算書 shows besides its stored lines: the guarantee's terms right after its change.
 * A 【注2】 or 【注3】 change issues no certificate version, so the terms are rebuilt from version 1 and
 * the field-by-field records of every change up to and including this one (GuaranteeChange.fields:
 * [{ field, before, after }], values as the certificate stores them: yen digits, ISO dates). Pure.
 */
export interface StatementTerms {
  guaranteeAmount: bigint;
  guaranteeStart: string;
  guaranteeEnd: string;
  projectName: string;
}

const fieldsSchema = z.array(z.object({ field: z.string(), after: z.string() }));

export function termsAfterChanges(base: StatementTerms, changes: readonly { fields: unknown }[]): StatementTerms {
  const terms = { ...base };
  for (const change of changes) {
    for (const { field, after } of fieldsSchema.parse(change.fields)) {
      if (field === 'guaranteeAmount') terms.guaranteeAmount = BigInt(after);
      else if (field === 'guaranteeStart') terms.guaranteeStart = after;
      else if (field === 'guaranteeEnd') terms.guaranteeEnd = after;
      else if (field === 'projectName') terms.projectName = after;
    }
  }
  return terms;
}
