import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { saveApplication } from '@/domain/applications/save-application';
import { decideCertification } from '@/domain/certifications/decide-certification';
import { requestCertification } from '@/domain/certifications/request-certification';
import { concludeApplication } from '@/domain/guarantees/conclude-application';
import type { Result } from '@/domain/result';
import { todayInTokyo } from '@/lib/dates';
import { demoReportPdf } from './seed-guarantees';
import { currentTerm, HALF_PASSED_FROM, halfPassedTerm, type ContractTerm } from './term-dates';

function must<T>(result: Result<T>, what: string): T {
  if (!result.ok) throw new Error(`demo seed: ${what}: ${JSON.stringify(result.fieldErrors)}`);
  return result.value;
}

/** The demo JV's 前払金保証 (issue 16 B12). */
export const DEMO_JOINT_VENTURE_PROJECT = '大村市〇〇地区排水機場更新工事';

/**
 * The demo JV's contract: one whose 工期 has passed its half today (halfPassedTerm, concluded at its
 * `concludedAt`), so that a 中間前払金 can be applied for from its 認定 on any day; before
 * HALF_PASSED_FROM, when no contract has passed its half, this fiscal year's (currentTerm), without one.
 */
export function demoJointVentureTerm(today: string = todayInTokyo()): ContractTerm & { concludedAt?: Date } {
  return today >= HALF_PASSED_FROM ? halfPassedTerm(today) : currentTerm(today);
}

/**
 * The demo 共同企業体's concluded 前払金保証 for 大村市 (issue 16 B12, decision 033): applied for by its
 * 代表者 (maru01 of 〇〇建設) naming the JV, 分割預託 — 〇〇銀行 大村支店 60 % for 〇〇建設 and
 * △△信用金庫 本店営業部 40 % for △△工務店 — on demoJointVentureTerm's contract, 請負金額
 * 300,000,000 and 保証金額 120,000,000 (4/10), 電子交付; concluded by the officer, so the 代表者's and
 * the 構成員's mails wait in 送信メール. Then (from HALF_PASSED_FROM on) its 中間前払金の認定, requested
 * by maru01 today with a 工事履行報告書 and certified by the clerk of 都市整備部土木課 (doboku01), unused:
 * maru01 can start the JV's 中間前払金保証 from it (「中間前払金保証を申し込む」). Through the screens' use cases.
 */
export async function seedDemoJointVentureGuarantee(
  db: Db,
  officer: Actor,
  representative: Actor,
  clerk: Actor,
  secret: string,
  place: { ordererId: string; departmentId: string },
  jv: { id: string; representativeId: string; memberId: string },
  today: string,
) {
  const { concludedAt, ...term } = demoJointVentureTerm(today);
  const input = {
    guaranteeKind: 'ADVANCE',
    ordererId: place.ordererId,
    worksDepartmentId: place.departmentId,
    projectName: DEMO_JOINT_VENTURE_PROJECT,
    projectLocation: '大村市〇〇町地内',
    workType: 'WORKS',
    ...term,
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
  const concluded = must(await concludeApplication(db, officer, id, secret, concludedAt ? { now: concludedAt } : {}), `conclude ${DEMO_JOINT_VENTURE_PROJECT}`);
  if (!concludedAt) return concluded;
  // 出来高 past half of the 請負金額; 中間前払金 2/10 of it (前払金 + 中間前払金 = 6/10, 大村市's bound).
  const requested = must(
    await requestCertification(db, representative, {
      guaranteeNumber: concluded.number,
      reportedOn: today,
      plannedProgress: '50',
      actualProgress: '52',
      workDoneAmount: '156000000',
      requestedAmount: '60000000',
      noPartialPayment: true,
      note: '工程表のとおり進捗しています。',
      files: [{ name: '工事履行報告書.pdf', type: 'application/pdf', bytes: await demoReportPdf() }],
    }),
    `認定 ${DEMO_JOINT_VENTURE_PROJECT}`,
  ).id;
  must(await decideCertification(db, clerk, requested, { decision: 'CERTIFY', note: '工程表により確認' }), `認定 ${DEMO_JOINT_VENTURE_PROJECT}`);
  return concluded;
}
