import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { saveApplication } from '@/domain/applications/save-application';
import { concludeApplication } from '@/domain/guarantees/conclude-application';
import type { Result } from '@/domain/result';
import { currentTerm } from './term-dates';

function must<T>(result: Result<T>, what: string): T {
  if (!result.ok) throw new Error(`demo seed: ${what}: ${JSON.stringify(result.fieldErrors)}`);
  return result.value;
}

/** The demo JV's 前払金保証 (issue 16 B12). */
export const DEMO_JOINT_VENTURE_PROJECT = '大村市〇〇地区排水機場更新工事';

/**
 * The demo 共同企業体's concluded 前払金保証 for 大村市 (issue 16 B12, decision 033): applied for by its
 * 代表者 (maru01 of 〇〇建設) naming the JV, 分割預託 — 〇〇銀行 大村支店 60 % for 〇〇建設 and
 * △△信用金庫 本店営業部 40 % for △△工務店 — this fiscal year's contract (currentTerm), 請負金額
 * 300,000,000 and 保証金額 120,000,000 (4/10), 電子交付; concluded by the officer, so the 代表者's and
 * the 構成員's mails wait in 送信メール. Through the screens' use cases.
 */
export async function seedDemoJointVentureGuarantee(
  db: Db,
  officer: Actor,
  representative: Actor,
  secret: string,
  place: { ordererId: string; departmentId: string },
  jv: { id: string; representativeId: string; memberId: string },
) {
  const input = {
    guaranteeKind: 'ADVANCE',
    ordererId: place.ordererId,
    worksDepartmentId: place.departmentId,
    projectName: DEMO_JOINT_VENTURE_PROJECT,
    projectLocation: '大村市〇〇町地内',
    workType: 'WORKS',
    ...currentTerm(),
    contractAmount: '300000000',
    guaranteeAmount: '120000000',
    deliveryMethod: 'ELECTRONIC',
    jointVentureId: jv.id,
    depositMode: 'SPLIT',
    deposits: [
      { organizationId: jv.representativeId, bank: '〇〇銀行', branch: '大村支店', share: '60' },
      { organizationId: jv.memberId, bank: '△△信用金庫', branch: '本店営業部', share: '40' },
    ],
  };
  const id = must(await saveApplication(db, representative, undefined, input, { submit: true }), DEMO_JOINT_VENTURE_PROJECT).id;
  return must(await concludeApplication(db, officer, id, secret), `conclude ${DEMO_JOINT_VENTURE_PROJECT}`);
}
