import 'server-only';
import { PDFDocument, rgb } from 'pdf-lib';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { saveApplication } from '@/domain/applications/save-application';
import { decideCertification } from '@/domain/certifications/decide-certification';
import { requestCertification } from '@/domain/certifications/request-certification';
import { recordChange } from '@/domain/changes/record-change';
import { concludeApplication } from '@/domain/guarantees/conclude-application';
import { recordPayment } from '@/domain/premium/record-payment';
import type { Result } from '@/domain/result';
import { addDaysIso } from '@/lib/dates';
import { type ContractTerm, currentTerm, endedTerm, HALF_PASSED_FROM, halfPassedTerm } from './term-dates';

function must<T>(result: Result<T>, what: string): T {
  if (!result.ok) throw new Error(`demo seed: ${what}: ${JSON.stringify(result.fieldErrors)}`);
  return result.value;
}

interface Place {
  ordererId: string;
  departmentId: string;
}

/** A contract's application on `term`'s dates (term-dates.ts; the current contracts': this fiscal year's, in force for 60 days at least). */
const contract = (term: ContractTerm, place: Place, patch: Record<string, string>) => ({
  ordererId: place.ordererId,
  worksDepartmentId: place.departmentId,
  projectLocation: '大村市玖島1丁目地内',
  workType: 'WORKS',
  ...term,
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
 * (term-dates.ts) from `today`, the one date seedDemo read (the 契約台帳 takes the same, so a seed across
 * Tokyo midnight cannot tell the register's dates from the certificates'), so a fresh database always shows the same picture. Returns the 保証契約番号 of
 * 〇〇道路改良工事's two and 〇〇下水道管渠工事's, which 大村市's demo 契約台帳 is matched to.
 */
export async function seedDemoGuarantees(db: Db, officer: Actor, contractor: Actor, secret: string, omura: Place, ken: Place, today: string) {
  const term = currentTerm(today);
  const apply = async (input: Record<string, string>, submit = true) =>
    must(await saveApplication(db, contractor, undefined, input, { submit }), String(input.projectName)).id;
  const conclude = async (id: string, now?: Date) => must(await concludeApplication(db, officer, id, secret, { now }), `conclude ${id}`);

  const roadAdvance = await conclude(await apply(contract(term, omura, { guaranteeKind: 'ADVANCE', projectName: '〇〇道路改良工事', contractAmount: '100000000', guaranteeAmount: '40000000' })));
  const roadContract = await conclude(
    await apply(
      contract(term, omura, { guaranteeKind: 'CONTRACT', projectName: '〇〇道路改良工事', contractAmount: '100000000', guaranteeAmount: '10000000', depositBank: '', depositBranch: '' }),
    ),
  );
  await conclude(
    await apply(contract(term, ken, { guaranteeKind: 'ADVANCE', projectName: '△△トンネル工事', projectLocation: '〇〇県〇〇郡地内', contractAmount: '50000000', guaranteeAmount: '20000000' })),
  );
  const { concludedAt, ...ended } = endedTerm(today);
  await conclude(
    await apply(contract(term, omura, { guaranteeKind: 'ADVANCE', projectName: '〇〇公園整備工事', ...ended, contractAmount: '30000000', guaranteeAmount: '12000000' })),
    concludedAt,
  );
  const sewer = await conclude(
    await apply(contract(term, omura, { guaranteeKind: 'ADVANCE', projectName: '〇〇下水道管渠工事', contractAmount: '60000000', guaranteeAmount: '24000000' })),
  );
  must(await recordPayment(db, officer, sewer.guaranteeId, { paidOn: today, amount: sewer.premiumYen.toString(), method: 'BANK_TRANSFER' }), 'demo payment');
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
    contract(term, omura, {
      guaranteeKind: 'INTERMEDIATE',
      projectName: '〇〇橋梁補修工事',
      contractAmount: '80000000',
      guaranteeAmount: '16000000',
      notes: '中間前払金の請求を予定しています。',
    }),
  );
  await apply({ guaranteeKind: 'ADVANCE', ordererId: omura.ordererId, projectName: '□□排水路整備工事（作成中）' }, false);
  // The 保証契約番号 the demo's 契約台帳 is matched to (seed-contracts.ts).
  return { roadAdvance: roadAdvance.number, roadContract: roadContract.number, sewer: sewer.number };
}

/**
 * A 工事履行報告書 as a contractor would attach it: a one-page A4 PDF of a form's boxes, made at seed
 * time (no file in the repository; no words, so no font).
 */
export async function demoReportPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([595.28, 841.89]);
  page.drawRectangle({ x: 56, y: 700, width: 483, height: 60, borderColor: rgb(0.25, 0.25, 0.25), borderWidth: 1 });
  for (let row = 0; row < 8; row++) page.drawRectangle({ x: 56, y: 620 - row * 40, width: 483, height: 40, borderColor: rgb(0.25, 0.25, 0.25), borderWidth: 0.5 });
  return pdf.save({ useObjectStreams: false });
}

/**
 * 中間前払金の認定 (decision 067, issue 16 B12) on two 前払金保証 of 〇〇建設 for 大村市 都市整備部土木課
 * whose 工期 has passed its half today (halfPassedTerm, concluded at its concludedAt): on
 * 〇〇排水路改修工事 a 認定 requested and certified by doboku01 (its 中間前払金認定調書 can be read), on
 * 〇〇市道舗装工事 one waiting (認定待ち) — requested by maru01 today with a 工事履行報告書, through the
 * screens' use cases. Before HALF_PASSED_FROM no contract has passed its half: none is made. `today`: seedDemo's.
 */
export async function seedDemoCertifications(db: Db, officer: Actor, contractor: Actor, clerk: Actor, secret: string, omura: Place, today: string) {
  if (today < HALF_PASSED_FROM) return;
  const { concludedAt, ...term } = halfPassedTerm(today);
  const report = { name: '工事履行報告書.pdf', type: 'application/pdf', bytes: await demoReportPdf() };
  const guarantee = async (projectName: string) => {
    const input = { ...contract(term, omura, { guaranteeKind: 'ADVANCE', projectName, contractAmount: '60000000', guaranteeAmount: '24000000' }), ...term };
    const id = must(await saveApplication(db, contractor, undefined, input, { submit: true }), projectName).id;
    return must(await concludeApplication(db, officer, id, secret, { now: concludedAt }), `conclude ${projectName}`).number;
  };
  const request = async (number: string, note = '') =>
    must(
      await requestCertification(
        db,
        contractor,
        {
          guaranteeNumber: number,
          reportedOn: today,
          plannedProgress: '50',
          actualProgress: '55',
          workDoneAmount: '33000000',
          requestedAmount: '12000000',
          noPartialPayment: true,
          note,
          files: [report],
        },
      ),
      `認定 ${number}`,
    ).id;
  const certified = await request(await guarantee('〇〇排水路改修工事'), '工程表のとおり進捗しています。');
  must(await decideCertification(db, clerk, certified, { decision: 'CERTIFY', note: '工程表により確認' }), '認定');
  await request(await guarantee('〇〇市道舗装工事'));
}
