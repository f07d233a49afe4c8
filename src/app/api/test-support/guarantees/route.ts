import { z } from 'zod';
import { getDb } from '@/db/client';
import { createTestGuarantees, TEST_GUARANTEES_MAX } from '@/demo/test-guarantees';
import { wakeMailWorker } from '@/mail/worker';
import { supportRoute } from '../gate';

/**
 * POST /api/test-support/guarantees — for the browser tests only (e2e/guarantees.ts,
 * `manyGuarantees`): `count` guarantees of a new contractor company, applied for and concluded
 * through the use cases of the screens (src/demo/test-guarantees.ts), for a test that needs more
 * rows than it could make through the screens in its time (the officers' 保証一覧 paging).
 *
 * Behind the same gate as /api/test-support/users (../gate.ts, decision 039): without the run's
 * E2E_SUPPORT_TOKEN every method answers the app's plain 404, before the body or the database is read.
 *
 * Body (JSON, zod): { count: 1–30, project: the 工事名 before each one's two-digit number,
 * applicant?: an existing contractor account's お客様ID to apply as (a test's own), contractAmount?,
 * guaranteeAmount?: yen in digits, conclude?: false to leave them submitted in 申込審査, confirmBy?: an
 * orderer account of 大村市 that then looks each one up with its key (its 確認済み一覧), term?: 'halfPassed'
 * for halfPassedTerm's contract, concluded at its concludedAt (a 中間前払金 認定 can be requested on it
 * today; 422 on a day before there is one), jointVenture?: { members?: contractor お客様IDs, newMembers?: 0–4,
 * split?: false for 一括 } for a 共同企業体 of the applicant's company (代表者) and theirs, named by each
 * application (issue 16), fromCertification?: true for, on each (term 'halfPassed'), a 認定 certified by
 * doboku01 and the 中間前払金保証 concluded from it, kind?: 'CONTRACT' for 契約保証 (default 前払金保証) }.
 * Answers 201 { contractor, jointVenture? (its name), guarantees: [{ number (null when not concluded), projectName, applicationId,
 * intermediateNumber? }] }; 400 for a malformed body, 409
 * without the demo data, 422 when a use case refuses; never 500 (503 when the database fails).
 */

const BODY_MAX_BYTES = 2048;

const bodySchema = z
  .object({
    count: z.number().int().min(1).max(TEST_GUARANTEES_MAX),
    project: z.string().trim().min(1).max(60),
    applicant: z.string().trim().min(1).max(64).optional(),
    contractAmount: z.string().regex(/^[1-9]\d{0,12}$/).optional(),
    guaranteeAmount: z.string().regex(/^[1-9]\d{0,12}$/).optional(),
    conclude: z.boolean().optional(),
    confirmBy: z.string().trim().min(1).max(64).optional(),
    term: z.enum(['current', 'halfPassed']).optional(),
    jointVenture: z
      .object({
        members: z.array(z.string().trim().min(1).max(64)).max(4).optional(),
        newMembers: z.number().int().min(0).max(4).optional(),
        split: z.boolean().optional(),
      })
      .strict()
      .optional(),
    fromCertification: z.boolean().optional(),
    kind: z.enum(['ADVANCE', 'CONTRACT']).optional(),
  })
  .strict();

export const { POST, GET, PUT, PATCH, DELETE, OPTIONS } = supportRoute({
  schema: bodySchema,
  maxBytes: BODY_MAX_BYTES,
  failed: 'the guarantees could not be made',
  work: async (input) => {
    const result = await createTestGuarantees(await getDb(), input);
    if (!result.ok) return result;
    wakeMailWorker(); // as the officers' conclude action does: the mails go now
    return { ok: true, body: { contractor: result.contractor, ...(result.jointVenture ? { jointVenture: result.jointVenture } : {}), guarantees: result.guarantees } };
  },
});
