import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { saveApplication } from '@/domain/applications/save-application';
import { recordChange } from '@/domain/changes/record-change';
import { concludeApplication } from '@/domain/guarantees/conclude-application';
import { recordPayment } from '@/domain/premium/record-payment';
import type { Result } from '@/domain/result';
import { addDaysIso, todayInTokyo } from '@/lib/dates';
import { currentTerm, endedTerm } from './term-dates';

function must<T>(result: Result<T>, what: string): T {
  if (!result.ok) throw new Error(`demo seed: ${what}: ${JSON.stringify(result.fieldErrors)}`);
  return result.value;
}

interface Place {
  ordererId: string;
  departmentId: string;
}

/** The current contracts' dates (term-dates.ts): this fiscal year's, in force for 60 days at least. */
const contract = (place: Place, patch: Record<string, string>) => ({
  ordererId: place.ordererId,
  worksDepartmentId: place.departmentId,
  projectLocation: '大村市玖島1丁目地内',
  workType: 'WORKS',
  ...currentTerm(),
  depositBank: '〇〇銀行',
  depositBranch: '▲▲支店',
  deliveryMethod: 'ELECTRONIC',
  ...patch,
});

/**
 * The flyer's example guarantees of 株式会社〇〇建設 (concluded, so that 保証工事一覧 has rows), one
 * whose 保証期間 has already ended (endedTerm: seeded on 2026-11-24, 2026-04-02 … 2026-09-30 concluded
 * 2026-04-08, so 期間満了 and both sides can see that status), one application waiting in the officers'
 * queue and one draft — all through the same use cases. One more, 〇〇下水道管渠工事, shows issue 7's
 * paths: its premium paid (保証料領収証), then a 変更契約 lowering the amounts (【注1】: version 2 (変更),
 * a 返戻 on the 変更保証料計算書) and a 工期 extension with its 保証期間 (【注2】: recorded only). Every date follows the day of seeding
 * (term-dates.ts), so a fresh database always shows the same picture.
 */
export async function seedDemoGuarantees(db: Db, officer: Actor, contractor: Actor, secret: string, omura: Place, ken: Place) {
  const apply = async (input: Record<string, string>, submit = true) =>
    must(await saveApplication(db, contractor, undefined, input, { submit }), String(input.projectName)).id;
  const conclude = async (id: string, now?: Date) => must(await concludeApplication(db, officer, id, secret, { now }), `conclude ${id}`);

  await conclude(await apply(contract(omura, { guaranteeKind: 'ADVANCE', projectName: '〇〇道路改良工事', contractAmount: '100000000', guaranteeAmount: '40000000' })));
  await conclude(
    await apply(
      contract(omura, { guaranteeKind: 'CONTRACT', projectName: '〇〇道路改良工事', contractAmount: '100000000', guaranteeAmount: '10000000', depositBank: '', depositBranch: '' }),
    ),
  );
  await conclude(
    await apply(contract(ken, { guaranteeKind: 'ADVANCE', projectName: '△△トンネル工事', projectLocation: '〇〇県〇〇郡地内', contractAmount: '50000000', guaranteeAmount: '20000000' })),
  );
  const { concludedAt, ...ended } = endedTerm();
  await conclude(
    await apply(contract(omura, { guaranteeKind: 'ADVANCE', projectName: '〇〇公園整備工事', ...ended, contractAmount: '30000000', guaranteeAmount: '12000000' })),
    concludedAt,
  );
  const sewer = await conclude(
    await apply(contract(omura, { guaranteeKind: 'ADVANCE', projectName: '〇〇下水道管渠工事', contractAmount: '60000000', guaranteeAmount: '24000000' })),
  );
  const today = todayInTokyo();
  must(await recordPayment(db, officer, sewer.guaranteeId, { paidOn: today, amount: sewer.premiumYen.toString(), method: 'BANK_TRANSFER' }), 'demo payment');
  const term = currentTerm();
  const terms = { ...term, projectName: '〇〇下水道管渠工事', contractAmount: '60000000', guaranteeAmount: '24000000', changeDate: today };
  must(
    await recordChange(db, officer, sewer.guaranteeId, { ...terms, contractAmount: '50000000', guaranteeAmount: '20000000', reason: '設計変更（管渠延長の短縮）による請負金額の減額' }),
    'demo change 1',
  );
  const extended = addDaysIso(term.periodEnd, 61);
  must(
    await recordChange(db, officer, sewer.guaranteeId, {
      ...terms,
      contractAmount: '50000000',
      guaranteeAmount: '20000000',
      periodEnd: extended,
      guaranteeEnd: extended,
      reason: '工期延長の変更契約',
    }),
    'demo change 2',
  );
  await apply(
    contract(omura, {
      guaranteeKind: 'INTERMEDIATE',
      projectName: '〇〇橋梁補修工事',
      contractAmount: '80000000',
      guaranteeAmount: '16000000',
      notes: '中間前払金の請求を予定しています。',
    }),
  );
  await apply({ guaranteeKind: 'ADVANCE', ordererId: omura.ordererId, projectName: '□□排水路整備工事（作成中）' }, false);
}
