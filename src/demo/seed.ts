import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { resolveActor } from '@/domain/auth/resolve-actor';
import { DEMO_SURETY } from './surety';
import { createSurety } from '@/domain/organizations/create-surety';
import { saveContractor } from '@/domain/organizations/save-contractor';
import { saveDepartment } from '@/domain/organizations/save-department';
import { saveOrderer } from '@/domain/organizations/save-orderer';
import { seedDemoRateTables } from '@/demo/rate-tables';
import type { Result } from '@/domain/result';
import { createUser } from '@/domain/users/create-user';
import { keySecret } from '@/config/secrets';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './accounts';
import { seedDemoContracts } from './seed-contracts';
import { seedDemoCertifications, seedDemoGuarantees } from './seed-guarantees';
import { demoJointVentureTerm, seedDemoJointVentureGuarantee } from './seed-joint-venture';
import { STANDARD_LIMITS, STANDARD_SUBJECT_TEMPLATE } from '@/domain/organizations/standard-rules';
import { saveJointVenture } from '@/domain/joint-ventures/save-joint-venture';
import { addDaysIso, todayInTokyo } from '@/lib/dates';

/** The demo's 共同企業体, of 〇〇建設 and △△工務店. */
export const DEMO_JOINT_VENTURE = '〇〇・△△特定建設工事共同企業体';

function must<T>(result: Result<T>, what: string): T {
  if (!result.ok) throw new Error(`demo seed: ${what}: ${JSON.stringify(result.fieldErrors)}`);
  return result.value;
}

/**
 * Demo data, built through the same use cases an officer uses. Runs only into an empty database;
 * returns false when there was data already.
 */
export async function seedDemo(db: Db): Promise<boolean> {
  if ((await db.organization.count()) > 0) return false;
  // Today in Tokyo, read once: every demo date follows it (term-dates.ts). Read again by each part, a
  // first start across midnight could give the 契約台帳 other dates than the certificates it is matched to.
  const today = todayInTokyo();

  const surety = await createSurety(db, DEMO_SURETY);

  const accounts = new Map<string, (typeof DEMO_ACCOUNTS)[number]>(DEMO_ACCOUNTS.map((a) => [a.loginId, a]));
  const account = (loginId: string) => {
    const found = accounts.get(loginId);
    if (!found) throw new Error(`demo seed: no account ${loginId}`);
    return found;
  };

  const admin = must(
    await createUser(db, null, { loginId: 'admin', name: account('admin').name, role: 'ADMIN', organizationId: surety.id, email: account('admin').email }, { password: DEMO_PASSWORD }),
    'first officer',
  );
  const officer = (await resolveActor(db, { userId: admin.id, sessionVersion: 1 })) as Actor;

  const user = async (loginId: string, organizationId: string, departmentId?: string) => {
    const a = account(loginId);
    return must(
      await createUser(db, officer, { loginId, name: a.name, role: a.role, organizationId, departmentId, email: a.email }, { password: DEMO_PASSWORD }),
      `user ${loginId}`,
    );
  };
  await user('officer2', surety.id);
  // 保証料率: one demo table per kind (labelled デモ用料率), in force from 2026-04-01.
  await seedDemoRateTables(db, officer);

  const maru = must(
    await saveContractor(db, officer, undefined, {
      name: '株式会社〇〇建設',
      postalCode: '100-0001',
      address: '▲▲市▲▲区▲▲1丁目1番1号',
      phone: '06-0000-0001',
    }),
    'contractor 〇〇建設',
  );
  const maru01 = await user('maru01', maru.id);
  await user('maru02', maru.id);

  const sankaku = must(
    await saveContractor(db, officer, undefined, {
      name: '株式会社△△工務店',
      address: '長崎県大村市△△町2番3号',
      phone: '0957-00-0002',
    }),
    'contractor △△工務店',
  );
  await user('sankaku01', sankaku.id);

  // 共同企業体 (decision 065): 〇〇建設 (代表者, 60 %) and △△工務店 (40 %), a 特定JV of 甲型, formed ten days
  // before its demo contract; its 前払金保証 is concluded below (seed-joint-venture.ts).
  const jointVenture = must(
    await saveJointVenture(db, officer, undefined, {
      name: DEMO_JOINT_VENTURE,
      kind: 'SPECIFIC',
      mode: 'JOINT',
      formedOn: addDaysIso(demoJointVentureTerm(today).contractDate, -10),
      representative: '0',
      members: [
        { organizationId: maru.id, share: '60' },
        { organizationId: sankaku.id, share: '40' },
      ],
    }),
    '共同企業体',
  );

  // 大村市: electronic certificates for contracts from 2026-04-01, 工事 and 建設コンサルタント業務.
  const omuraRules = {
    name: '大村市',
    certificateName: '大村市長',
    address: '長崎県大村市玖島1丁目25番地',
    electronicFrom: '2026-04-01',
    electronicWorkTypes: ['WORKS', 'CONSULTING'] as ('WORKS' | 'CONSULTING')[],
    subjectTemplate: STANDARD_SUBJECT_TEMPLATE,
    printoutAccepted: false,
    ...STANDARD_LIMITS,
  };
  const omura = must(await saveOrderer(db, officer, undefined, omuraRules), '大村市');
  const keiyaku = must(
    await saveDepartment(db, officer, omura.id, undefined, {
      name: '財政部契約課',
      kind: 'CONTRACT_SECTION',
      email: 'keiyakumain@city.omura.nagasaki.jp',
      active: true,
    }),
    '財政部契約課',
  );
  const doboku = must(
    await saveDepartment(db, officer, omura.id, undefined, { name: '都市整備部土木課', kind: 'WORKS_SECTION', email: 'doboku@omura.example.jp', active: true }),
    '土木課',
  );
  const gesuido = must(
    await saveDepartment(db, officer, omura.id, undefined, { name: '上下水道局下水道課', kind: 'WORKS_SECTION', email: 'gesuido@omura.example.jp', active: true }),
    '下水道課',
  );
  // 契約保証 goes to 財政部契約課; 前払金・中間前払金 to the contract's 工事担当課.
  must(await saveOrderer(db, officer, omura.id, { ...omuraRules, routeContract: keiyaku.id }), '大村市 routing');
  const omura01 = await user('omura01', omura.id, keiyaku.id);

  const ken = must(
    await saveOrderer(db, officer, undefined, {
      name: '〇〇県',
      certificateName: '〇〇県知事',
      electronicFrom: '2022-01-01',
      electronicWorkTypes: ['WORKS'],
      subjectTemplate: '電子保証証書の提出（{保証契約番号}）',
      printoutAccepted: true,
      ...STANDARD_LIMITS,
    }),
    '〇〇県',
  );
  const kenKanri = must(
    await saveDepartment(db, officer, ken.id, undefined, { name: '土木部監理課', kind: 'CONTRACT_SECTION', email: 'kanri@pref.example.jp', active: true }),
    '土木部監理課',
  );
  await user('ken01', ken.id, kenKanri.id);
  // A clerk of 大村市's 工事担当課, which certifies the 中間前払金 on its contracts (decision 067).
  const doboku01 = await user('doboku01', omura.id, doboku.id);

  const contractor = (await resolveActor(db, { userId: maru01.id, sessionVersion: 1 })) as Actor;
  const works = (await resolveActor(db, { userId: doboku01.id, sessionVersion: 1 })) as Actor;
  const matched = await seedDemoGuarantees(db, officer, contractor, keySecret(), { ordererId: omura.id, departmentId: doboku.id }, { ordererId: ken.id, departmentId: kenKanri.id }, today);
  await seedDemoCertifications(db, officer, contractor, works, keySecret(), { ordererId: omura.id, departmentId: doboku.id }, today);
  // The JV's concluded 前払金保証 with 分割預託 and its 中間前払金の認定 (issue 16 B12).
  await seedDemoJointVentureGuarantee(db, officer, contractor, works, keySecret(), { ordererId: omura.id, departmentId: doboku.id }, {
    id: jointVenture.id,
    representativeId: maru.id,
    memberId: sankaku.id,
  }, today);
  // 大村市's 契約台帳 (decisions 068, 072): four contracts of omura01's, three certificates looked up and matched.
  const clerk = (await resolveActor(db, { userId: omura01.id, sessionVersion: 1 })) as Actor;
  await seedDemoContracts(db, clerk, contractor, keySecret(), { works: doboku.id, sewer: gesuido.id }, matched, today);
  return true;
}
