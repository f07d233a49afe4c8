import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { matchContract } from '@/domain/contracts/match-contract';
import { saveContract } from '@/domain/contracts/save-contract';
import { getKeyPage } from '@/domain/guarantees/get-key-page';
import { lookupCertificate } from '@/domain/lookup/lookup';
import type { Result } from '@/domain/result';
import { fiscalYearOf } from '@/lib/dates';
import { currentTerm, signedDaysAgo } from './term-dates';

function must<T>(result: Result<T>, what: string): T {
  if (!result.ok) throw new Error(`demo seed: ${what}: ${JSON.stringify(result.fieldErrors)}`);
  return result.value;
}

/** The 工事名 of the demo 契約台帳's four contracts, by what each shows (the demo seed's test reads them). */
export const DEMO_CONTRACTS = {
  /** Matched to 〇〇道路改良工事's 前払金保証 and 契約保証: 照合済み・食い違いなし. */
  consistent: '〇〇道路改良工事',
  /** Matched to 〇〇下水道管渠工事's 前払金保証, whose 変更契約 lowered the 請負金額: 照合済み・要確認 1件. */
  difference: '〇〇下水道管渠工事',
  /** Signed 30 days ago, no certificate yet: on 保証未確認 at its default of 14 days. */
  unconfirmed: '〇〇地区公民館改修工事',
  /** Signed 5 days ago, no certificate yet: 未照合, not yet on 保証未確認. */
  recent: '〇〇川護岸補修工事',
} as const;

/** 契約番号 as a finance office numbers them: the 令和 year of the contract's 年度, then a serial (R8-0012). */
const contractNumber = (contractDate: string, serial: number) => `R${fiscalYearOf(contractDate) - 2018}-${String(serial).padStart(4, '0')}`;

/**
 * 大村市's 契約台帳 (decisions 068, 072), as its 財政部契約課 keeps it: four contracts entered by omura01
 * through the hand-entry use case (saveContract, as 「契約を登録する」 does); the three certificates of
 * 〇〇建設 that the register is matched to looked up by omura01 with their 認証キー (lookupCertificate,
 * as 電子証書の確認 does: they enter 大村市's 確認済み一覧), then matched on the contract's page's use
 * case (matchContract, 「保証契約番号で選ぶ」):
 *   - 〇〇道路改良工事 ↔ its 前払金保証 and 契約保証: 照合済み・食い違いなし;
 *   - 〇〇下水道管渠工事 ↔ its 前払金保証: the register still holds the 請負金額 before the 変更契約
 *     (60,000,000; the certificate's is 50,000,000), so 照合済み・要確認 1件 (and the change as 参考);
 *   - 〇〇地区公民館改修工事, signed 30 days ago, 前払金 and 契約保証 required, nothing arrived: 保証未確認
 *     (the page's default is 14 days);
 *   - 〇〇川護岸補修工事, signed 5 days ago: 未照合, not yet on 保証未確認.
 * Dates follow the day of seeding (term-dates.ts): `today`, the one date seedDemo read and gave the
 * guarantees too (read again here, a seed across Tokyo midnight could enter 〇〇道路改良工事 with other
 * dates than its certificates' and show 要確認), so the picture is the same on any day.
 */
export async function seedDemoContracts(
  db: Db,
  clerk: Actor,
  contractor: Actor,
  secret: string,
  departments: { works: string; sewer: string },
  numbers: { roadAdvance: string; roadContract: string; sewer: string },
  today: string,
) {
  const term = currentTerm(today);
  const enter = async (input: Record<string, string>) => must(await saveContract(db, clerk, undefined, input), `契約 ${input.projectName}`).id;
  const confirm = async (number: string) => {
    const { key } = await getKeyPage(db, contractor, number, secret);
    const looked = await lookupCertificate(db, { kind: 'user', actor: clerk }, { number, key }, { secret, clientAddress: null });
    if (looked.status !== 'found') throw new Error(`demo seed: the lookup of ${number} answered ${looked.status}`);
  };
  const match = async (contractId: string, number: string) => must(await matchContract(db, clerk, contractId, { guaranteeNumber: number }), `照合 ${number}`);

  const old = signedDaysAgo(30, today);
  const recent = signedDaysAgo(5, today);
  const road = await enter({
    contractNumber: contractNumber(term.contractDate, 12),
    projectName: DEMO_CONTRACTS.consistent,
    contractorName: '株式会社〇〇建設',
    contractAmount: '100,000,000',
    contractDate: term.contractDate,
    periodStart: term.periodStart,
    periodEnd: term.periodEnd,
    advanceShare: '10分の4',
    performanceShare: '10分の1',
    departmentId: departments.works,
  });
  const sewer = await enter({
    contractNumber: contractNumber(term.contractDate, 18),
    projectName: DEMO_CONTRACTS.difference,
    contractorName: '株式会社〇〇建設',
    contractAmount: '60,000,000',
    contractDate: term.contractDate,
    periodStart: term.periodStart,
    periodEnd: term.periodEnd,
    advanceShare: '10分の4',
    performanceShare: '',
    departmentId: departments.sewer,
  });
  await enter({
    contractNumber: contractNumber(old.contractDate, 31),
    projectName: DEMO_CONTRACTS.unconfirmed,
    contractorName: '株式会社△△工務店',
    contractAmount: '45,870,000',
    ...old,
    advanceShare: '10分の4',
    performanceShare: '10分の1',
    departmentId: '',
  });
  await enter({
    contractNumber: contractNumber(recent.contractDate, 35),
    projectName: DEMO_CONTRACTS.recent,
    contractorName: '有限会社□□土木',
    contractAmount: '18,150,000',
    ...recent,
    advanceShare: '10分の4',
    performanceShare: '',
    departmentId: departments.works,
  });

  for (const number of [numbers.roadAdvance, numbers.roadContract, numbers.sewer]) await confirm(number);
  await match(road, numbers.roadAdvance);
  await match(road, numbers.roadContract);
  await match(sewer, numbers.sewer);
}
