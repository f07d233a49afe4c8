// A data set at national scale (issue 15), for the benches that need one: built on PostgreSQL with
// set-based SQL (generate_series), no row by row from Node. Shaped like the public figures:
//   - BENCH_SCALE guarantees (default 1,000,000; 4,000,000 is the nationwide figure), 証書発行日 spread
//     evenly over the last 10 years, each with its application (締結済) and certificate version 1;
//     every tenth has a 変更契約 with version 2;
//   - 1,788 orderers (47 prefectures + 1,741 municipalities), 5 departments and 2 staff each;
//   - 30,000 contractors with one user each; one contractor (大量建設) holds 20,000 guarantees, all
//     with their 保証料計算書 and most with a 保証料領収証;
//   - one orderer (東京都) with 50,000 confirmed guarantees (確認記録; some confirmed twice), one (大村市)
//     with 5,000, and a fifth of every other orderer's guarantees confirmed;
//   - 1 % of the guarantees are a 共同企業体's (issue 16, research B5): the holder its 代表者, one 構成員
//     company (a GuaranteeMember row); 大量建設 is the 構成員 of 200 of them (its list is the union);
//   - applications waiting for review (3,000 申込済, 1,000 差戻し, 5,000 下書き), lookup attempts
//     (BENCH_SCALE over the last year), sent mails (BENCH_SCALE / 4 over the last year, a few failed).
// Guarantee numbers are real 保証契約番号 (serial 100000001… with its Damm check digit); 認証キー are
// not made (their HMAC needs KEY_SECRET): a bench that looks up adds its own.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { Actor } from '@/domain/actor';

export const NATIONAL_DEFAULT_SCALE = 1_000_000;
export const PREFECTURES = 47;
export const MUNICIPALITIES = 1_741;
export const CONTRACTORS = 30_000;
export const BIG_CONTRACTOR_GUARANTEES = 20_000;
export const BIG_ORDERER_CONFIRMATIONS = 50_000;
export const MID_ORDERER_CONFIRMATIONS = 5_000;

export interface NationalSet {
  scale: number;
  /** 大量建設's staff: 20,000 guarantees. */
  bigContractor: Actor;
  /** A contractor of average size (about scale / 30,000 guarantees). */
  contractor: Actor;
  /** 東京都's 契約担当: 50,000 confirmed guarantees. */
  bigOrderer: Actor;
  /** 大村市's 契約担当: 5,000 confirmed guarantees. */
  midOrderer: Actor;
  /** An officer of the surety company. */
  officer: Actor;
  /** Seconds per step, and in all. */
  timings: { step: string; seconds: number }[];
  seconds: number;
}

export function nationalScale(): number {
  const raw = process.env.BENCH_SCALE;
  if (!raw) return NATIONAL_DEFAULT_SCALE;
  const n = Number(raw.replace(/[_,]/g, ''));
  if (!Number.isInteger(n) || n < 100_000) throw new Error('BENCH_SCALE: a whole number of guarantees, at least 100000');
  return n;
}

const PREFECTURE_NAMES = [
  '北海道', '青森県', '岩手県', '宮城県', '秋田県', '山形県', '福島県', '茨城県', '栃木県', '群馬県', '埼玉県', '千葉県',
  '東京都', '神奈川県', '新潟県', '富山県', '石川県', '福井県', '山梨県', '長野県', '岐阜県', '静岡県', '愛知県', '三重県',
  '滋賀県', '京都府', '大阪府', '兵庫県', '奈良県', '和歌山県', '鳥取県', '島根県', '岡山県', '広島県', '山口県', '徳島県',
  '香川県', '愛媛県', '高知県', '福岡県', '佐賀県', '長崎県', '熊本県', '大分県', '宮崎県', '鹿児島県', '沖縄県',
];

const WORKS = ['道路改良工事', '橋梁補修工事', '河川護岸工事', '下水道管渠布設工事', '小学校校舎改築工事', '舗装修繕工事', '配水管布設替工事', '公園整備工事', '砂防堰堤工事', '庁舎耐震改修工事'];

/** The tables loaded in bulk: their plain indexes are built after the load. */
const LOADED = ['Application', 'Guarantee', 'CertificateVersion', 'GuaranteeChange', 'Confirmation', 'ConfirmedGuarantee', 'PremiumDocument', 'LookupAttempt', 'OutboxMail', 'User', 'Department', 'Organization', 'JointVenture', 'GuaranteeMember'];

const sqlArray = (items: readonly string[]) => `ARRAY[${items.map((s) => `'${s}'`).join(',')}]`;

/**
 * Builds the set into the empty, migrated database at `url` (run openPostgres on it first: it applies
 * the migrations), on a connection of its own (multi-statement SQL, VACUUM). Takes a few
 * minutes at 1 M on two cores; prints each step when `log` is given.
 */
export async function buildNational(url: string, scale = nationalScale(), log: (line: string) => void = () => {}): Promise<NationalSet> {
  const db = new pg.Client({ connectionString: url, options: '-c TimeZone=UTC' });
  await db.connect();
  try {
    return await build(db, scale, log);
  } finally {
    await db.end();
  }
}

async function build(db: pg.Client, scale: number, log: (line: string) => void): Promise<NationalSet> {
  const started = performance.now();
  const timings: { step: string; seconds: number }[] = [];
  const step = async (name: string, sql: string) => {
    const t = performance.now();
    await db.query(sql);
    const seconds = (performance.now() - t) / 1000;
    timings.push({ step: name, seconds });
    log(`  ${name.padEnd(34)} ${seconds.toFixed(1).padStart(7)} s`);
  };
  const N = scale;
  const O = PREFECTURES + MUNICIPALITIES;
  const C = CONTRACTORS;
  // Guarantee i (1…N) belongs to: contractor 0 (大量建設) when i % m = 1; orderer 0 (東京都) when i % k = 0,
  // orderer 1 (大村市) when i % k2 = 3, else spread over the rest.
  const m = Math.floor(N / BIG_CONTRACTOR_GUARANTEES);
  const k = Math.max(2, Math.floor(N / (BIG_ORDERER_CONFIRMATIONS * 1.2)));
  const k2 = Math.floor(N / (MID_ORDERER_CONFIRMATIONS * 3));
  const admin = randomUUID();
  const surety = randomUUID();

  // A bulk load: foreign keys and triggers off for this session (the rows are consistent by
  // construction; what the triggers compute is written by the statements below), and the tables'
  // plain indexes dropped and built again at the end (a sorted build, not a million inserts into each).
  await step('triggers off, plain indexes dropped', `
    SET session_replication_role = replica;
    SET maintenance_work_mem = '256MB';
    SET synchronous_commit = off;
    CREATE UNLOGGED TABLE bench_indexes AS
      SELECT indexname, indexdef FROM pg_indexes i
      WHERE schemaname = current_schema() AND tablename IN (${LOADED.map((t) => `'${t}'`).join(',')})
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname);
    DO $$ DECLARE r record; BEGIN
      FOR r IN SELECT indexname FROM bench_indexes LOOP EXECUTE format('DROP INDEX %I', r.indexname); END LOOP;
    END $$`);
  await step('damm check digit function', `
    CREATE FUNCTION bench_damm(body text) RETURNS int LANGUAGE plpgsql IMMUTABLE AS $$
    DECLARE t int[] := ARRAY[0,3,1,7,5,9,8,6,4,2, 7,0,9,2,1,5,4,8,6,3, 4,2,0,6,8,7,1,3,5,9, 1,7,5,0,9,8,3,4,2,6,
      6,1,2,3,0,4,5,9,7,8, 3,6,7,4,2,0,9,5,8,1, 5,8,6,9,7,2,0,1,3,4, 8,9,4,5,3,6,2,0,1,7, 9,4,3,8,6,1,7,2,0,5,
      2,5,8,1,4,3,6,7,9,0];
      interim int := 0;
    BEGIN
      FOR p IN 1..length(body) LOOP interim := t[interim * 10 + ascii(substr(body, p, 1)) - 48 + 1]; END LOOP;
      RETURN interim;
    END $$`);
  await step('orderers, departments', `
    CREATE UNLOGGED TABLE bench_orderer AS
      SELECT o AS idx, gen_random_uuid() AS id,
        CASE WHEN o = 0 THEN '東京都' WHEN o = 1 THEN '大村市' WHEN o < ${PREFECTURES} THEN (${sqlArray(PREFECTURE_NAMES.filter((p) => p !== '東京都'))})[o]
             ELSE (${sqlArray(PREFECTURE_NAMES)})[1 + o % ${PREFECTURES}] || '第' || o || '市' END AS name
      FROM generate_series(0, ${O - 1}) o;
    INSERT INTO "Organization"("id","kind","name","certificateName","updatedAt")
      SELECT id, 'ORDERER', name, CASE WHEN name LIKE '%県' OR name LIKE '%都' OR name LIKE '%府' OR name = '北海道' THEN name || '知事' ELSE name || '長' END, now() FROM bench_orderer;
    CREATE UNLOGGED TABLE bench_dept AS
      SELECT o.idx AS oidx, d, gen_random_uuid() AS id, gen_random_uuid() AS "userId", o.id AS "organizationId",
        (ARRAY['財政部契約課','建設部道路課','建設部河川課','上下水道部工務課','教育委員会施設課'])[d + 1] AS name
      FROM bench_orderer o CROSS JOIN generate_series(0, 4) d;
    INSERT INTO "Department"("id","organizationId","name","kind","email","sortOrder","updatedAt")
      SELECT id, "organizationId", name, CASE WHEN d = 0 THEN 'CONTRACT_SECTION' ELSE 'WORKS_SECTION' END::"DepartmentKind",
             'dept' || oidx || '-' || d || '@example.lg.jp', d, now() FROM bench_dept`);
  await step('contractors, users', `
    CREATE UNLOGGED TABLE bench_contractor AS
      SELECT c AS idx, gen_random_uuid() AS id, gen_random_uuid() AS "userId",
        CASE WHEN c = 0 THEN '大量建設株式会社' ELSE '株式会社' || (ARRAY['山田','佐藤','鈴木','高橋','田中','伊藤','渡辺','中村','小林','加藤'])[1 + c % 10] || '建設' || c END AS name
      FROM generate_series(0, ${C - 1}) c;
    INSERT INTO "Organization"("id","kind","name","nameKana","address","updatedAt")
      SELECT id, 'CONTRACTOR', name, 'ケンセツ' || idx, '東京都千代田区' || idx, now() FROM bench_contractor;
    INSERT INTO "Organization"("id","kind","name","updatedAt") VALUES ('${surety}', 'SURETY', 'ベンチ建設業保証株式会社', now());
    INSERT INTO "User"("id","loginId","name","email","role","organizationId","passwordHash","updatedAt")
      SELECT "userId", 'c' || idx, '担当' || idx, 'c' || idx || '@example.co.jp', 'CONTRACTOR', id, 'x', now() FROM bench_contractor;
    INSERT INTO "User"("id","loginId","name","email","role","organizationId","departmentId","passwordHash","updatedAt")
      SELECT "userId", 'o' || oidx || '-' || d, '職員' || oidx || '-' || d, 'o' || oidx || '-' || d || '@example.lg.jp', 'ORDERER', "organizationId", id, 'x', now()
      FROM bench_dept WHERE d < 2;
    INSERT INTO "User"("id","loginId","name","role","organizationId","passwordHash","updatedAt")
      VALUES ('${admin}', 'bench-admin', 'ベンチ審査', 'ADMIN', '${surety}', 'x', now());
    -- The searched names (trigger organization_search_names), by the trigger itself: its one update in this session with triggers on.
    SET session_replication_role = origin;
    UPDATE "Organization" SET "searchNames" = '';
    SET session_replication_role = replica`);
  await step(`plan of ${N.toLocaleString()} guarantees`, `
    CREATE UNLOGGED TABLE bench_g AS
      SELECT i, gen_random_uuid() AS gid, gen_random_uuid() AS app, gen_random_uuid() AS v1,
        CASE WHEN i % 10 = 7 THEN gen_random_uuid() END AS v2,
        CAST(100000000 + i AS text) || bench_damm(CAST(100000000 + i AS text)) AS number,
        CASE WHEN i % ${m} = 1 THEN 0 ELSE 1 + (CAST(i AS bigint) * 104729) % ${C - 1} END AS cidx,
        CASE WHEN i % ${k} = 0 THEN 0 WHEN i % ${k2} = 3 THEN 1 ELSE 2 + (CAST(i AS bigint) * 7919) % ${O - 2} END AS oidx,
        CURRENT_DATE - 3650 + CAST(CAST(i - 1 AS bigint) * 3650 / ${N} AS int) AS issued,
        CAST(10000000 + (CAST(i AS bigint) * 7777) % 490000000 AS bigint) AS amount
      FROM generate_series(1, ${N}) i;
    ALTER TABLE bench_g ADD PRIMARY KEY (i);
    ANALYZE bench_g`);
  await step('applications (締結済)', `
    INSERT INTO "Application"("id","contractorId","createdById","status","guaranteeKind","ordererId","worksDepartmentId","projectName","workType",
        "contractDate","contractAmount","guaranteeAmount","deliveryMethod","submittedAt","concludedAt","createdAt","updatedAt")
      SELECT g.app, c.id, c."userId", 'CONCLUDED', 'ADVANCE', o.id, d.id, '工事' || g.i, 'WORKS', g.issued, g.amount, g.amount * 4 / 10, 'ELECTRONIC',
             g.issued - 2, g.issued, g.issued - 5, g.issued
      FROM bench_g g JOIN bench_contractor c ON c.idx = g.cidx JOIN bench_orderer o ON o.idx = g.oidx
      JOIN bench_dept d ON d.oidx = g.oidx AND d.d = 1 + g.i % 4`);
  await step('guarantees', `
    INSERT INTO "Guarantee"("id","number","applicationId","contractorId","ordererId","kind","deliveryMethod","status","projectName",
        "contractAmount","guaranteeAmount","guaranteeStart","guaranteeEnd","periodStart","periodEnd","issuedOn","latestVersion","changed",
        "premiumYen","concludedAt","concludedById","cancelledOn","cancelReason","createdAt","updatedAt","projectNameFolded")
      SELECT g.gid, g.number, g.app, c.id, o.id,
             (CASE WHEN g.i % 10 < 7 THEN 'ADVANCE' WHEN g.i % 10 = 7 THEN 'INTERMEDIATE' ELSE 'CONTRACT' END)::"GuaranteeKind", 'ELECTRONIC',
             (CASE WHEN g.i % 100 = 13 THEN 'CANCELLED' ELSE 'ACTIVE' END)::"GuaranteeStatus",
             (ARRAY['市道','県道','町道','一級河川','第二','北部','南部','中央'])[1 + g.i % 8] || (g.i % 9973) || '号' || (${sqlArray(WORKS)})[1 + g.i % 10],
             g.amount, g.amount * 4 / 10, g.issued + 1, g.issued + 90 + g.i % 300, g.issued + 1, g.issued + 90 + g.i % 300 + CASE WHEN g.i % 500 = 1 THEN 30 ELSE 0 END,
             g.issued, CASE WHEN g.v2 IS NULL THEN 1 ELSE 2 END, g.v2 IS NOT NULL, GREATEST(10000, g.amount * 4 / 10 / 500),
             g.issued, '${admin}', CASE WHEN g.i % 100 = 13 THEN g.issued + 30 END, CASE WHEN g.i % 100 = 13 THEN '契約解除' END, g.issued, g.issued, ''
      FROM bench_g g JOIN bench_contractor c ON c.idx = g.cidx JOIN bench_orderer o ON o.idx = g.oidx;
    -- What the trigger project_name_folded would have written (triggers are off during the load): the folded 工事名 and its grams.
    UPDATE "Guarantee" SET "projectNameFolded" = translate(normalize("projectName", NFKC), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'),
      "projectNameGrams" = "project_name_grams"(translate(normalize("projectName", NFKC), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'))`);
  // 1 % JV guarantees (research B5): the holder is the 代表者, one other company the 構成員 — 大量建設 of
  // the first 200 (1 % of its own 20,000), else the next company; the list reads them as its union.
  await step('JV guarantees (1 %), 構成員 rows', `
    CREATE UNLOGGED TABLE bench_jv AS
      SELECT g.i, g.gid, g.number, g.issued, gen_random_uuid() AS jv,
        CASE WHEN g.cidx <> 0 AND row_number() OVER (PARTITION BY g.cidx <> 0 ORDER BY g.i) <= 200 THEN 0 ELSE 1 + g.cidx % ${C - 1} END AS midx
      FROM bench_g g WHERE g.i % 100 = 41;
    INSERT INTO "JointVenture"("id","name","kind","mode","lockedAt","revision","createdAt","updatedAt")
      SELECT jv, 'ベンチ' || i || '特定建設工事共同企業体', 'SPECIFIC', 'JOINT', issued, 1, issued, issued FROM bench_jv;
    UPDATE "Guarantee" g SET "jointVentureId" = j.jv FROM bench_jv j WHERE g."id" = j.gid;
    INSERT INTO "GuaranteeMember"("guaranteeId","organizationId","number","issuedOn")
      SELECT j.gid, c.id, j.number, j.issued FROM bench_jv j JOIN bench_contractor c ON c.idx = j.midx`);
  await step('certificate versions', `
    INSERT INTO "CertificateVersion"("id","guaranteeId","version","changeKind","issuedOn","content","digest","signature","createdAt")
      SELECT g.v1, g.gid, 1, 'ORIGINAL', g.issued,
             jsonb_build_object('number', g.number, 'projectName', '工事' || g.i, 'guaranteeAmount', (g.amount * 4 / 10)::text, 'issuedOn', g.issued),
             md5(g.gid::text) || md5(g.v1::text), 'bench', g.issued
      FROM bench_g g;
    INSERT INTO "CertificateVersion"("id","guaranteeId","version","changeKind","issuedOn","content","digest","signature","createdAt")
      SELECT g.v2, g.gid, 2, 'CHANGE', g.issued + 60,
             jsonb_build_object('number', g.number, 'projectName', '工事' || g.i, 'guaranteeAmount', (g.amount * 4 / 10)::text, 'issuedOn', g.issued + 60),
             md5(g.gid::text) || md5(g.v2::text), 'bench', g.issued + 60
      FROM bench_g g WHERE g.v2 IS NOT NULL;
    INSERT INTO "GuaranteeChange"("id","guaranteeId","changeContractDate","reason","fields","certificateVersionId","reasonNote","recordedById","createdAt")
      SELECT gen_random_uuid(), g.gid, g.issued + 55, '工期の変更', '[]', g.v2, '注1', '${admin}', g.issued + 60
      FROM bench_g g WHERE g.v2 IS NOT NULL`);
  await step('confirmations', `
    INSERT INTO "Confirmation"("id","guaranteeId","certificateVersionId","organizationId","departmentId","userId","statusAtConfirmation","confirmedAt")
      SELECT gen_random_uuid(), g.gid, g.v1, d."organizationId", d.id, d."userId", CAST('ACTIVE' AS "GuaranteeStatus"), g.issued + 3 + make_interval(secs => g.i % 30000)
      FROM (SELECT * FROM bench_g WHERE oidx = 0 ORDER BY i LIMIT ${BIG_ORDERER_CONFIRMATIONS}) g JOIN bench_dept d ON d.oidx = 0 AND d.d = 0
      UNION ALL
      SELECT gen_random_uuid(), g.gid, g.v1, d."organizationId", d.id, d."userId", CAST('ACTIVE' AS "GuaranteeStatus"), g.issued + 3 + make_interval(secs => g.i % 30000)
      FROM (SELECT * FROM bench_g WHERE oidx = 1 ORDER BY i LIMIT ${MID_ORDERER_CONFIRMATIONS}) g JOIN bench_dept d ON d.oidx = 1 AND d.d = 0
      UNION ALL
      SELECT gen_random_uuid(), g.gid, g.v1, d."organizationId", d.id, d."userId", CAST('ACTIVE' AS "GuaranteeStatus"), g.issued + 3 + make_interval(secs => g.i % 30000)
      FROM bench_g g JOIN bench_dept d ON d.oidx = g.oidx AND d.d = 0 WHERE g.oidx >= 2 AND g.i % 5 = 0;
    -- Half of the changed guarantees a confirming orderer had confirmed are confirmed again, in version 2.
    INSERT INTO "Confirmation"("id","guaranteeId","certificateVersionId","organizationId","departmentId","userId","statusAtConfirmation","confirmedAt")
      SELECT gen_random_uuid(), c."guaranteeId", g.v2, c."organizationId", c."departmentId", c."userId", 'ACTIVE', g.issued + 62
      FROM "Confirmation" c JOIN bench_g g ON g.gid = c."guaranteeId" WHERE g.v2 IS NOT NULL AND g.i % 20 = 7;
    -- What the trigger confirmed_guarantee would have written (decision 061): the migration's own rebuild.
    SELECT "confirmed_guarantees_rebuild"();`);
  await step('保証料 documents (大量建設)', `
    INSERT INTO "PremiumDocument"("id","guaranteeId","kind","amount","lines","issuedOn","createdAt")
      SELECT gen_random_uuid(), g.gid, 'CALCULATION', GREATEST(10000, g.amount * 4 / 10 / 500), '[]', g.issued, g.issued FROM bench_g g WHERE g.cidx = 0;
    INSERT INTO "PremiumDocument"("id","guaranteeId","kind","amount","lines","issuedOn","paidOn","paymentMethod","createdAt")
      SELECT gen_random_uuid(), g.gid, 'RECEIPT', GREATEST(10000, g.amount * 4 / 10 / 500),
             jsonb_build_object('receiptNumber', 'R' || g.number, 'contractor', jsonb_build_object('name', '大量建設株式会社', 'address', '東京都千代田区0'),
               'projectName', '工事' || g.i, 'ordererName', '発注者', 'covered', '[]'::jsonb,
               'issuer', jsonb_build_object('address', '東京都', 'companyName', 'ベンチ建設業保証株式会社', 'representativeTitle', '取締役社長', 'representativeName', '保証 太郎'),
               'branch', NULL),
             g.issued + 14, g.issued + 14, '振込', g.issued + 14
      FROM bench_g g WHERE g.cidx = 0 AND g.i % 10 <> 3;
    -- What the trigger premium_outstanding would have written.
    UPDATE "Guarantee" g SET "premiumOutstanding" = s.owed
      FROM (SELECT "guaranteeId", SUM(CASE WHEN "kind" = 'RECEIPT' THEN -"amount" ELSE "amount" END) AS owed FROM "PremiumDocument" GROUP BY 1) s
      WHERE g."id" = s."guaranteeId" AND s.owed <> 0`);
  await step('applications (審査待ち, 下書き)', `
    INSERT INTO "Application"("id","contractorId","createdById","status","guaranteeKind","ordererId","worksDepartmentId","projectName","workType",
        "contractDate","contractAmount","guaranteeAmount","deliveryMethod","submittedAt","returnedAt","returnReason","createdAt","updatedAt")
      SELECT gen_random_uuid(), c.id, c."userId",
             (CASE WHEN j <= 3000 THEN 'SUBMITTED' WHEN j <= 4000 THEN 'RETURNED' ELSE 'DRAFT' END)::"ApplicationStatus",
             'ADVANCE', o.id, d.id, '申込工事' || j, 'WORKS', CURRENT_DATE - 3, 50000000 + j, 20000000 + j, 'ELECTRONIC',
             CASE WHEN j <= 4000 THEN now() - make_interval(mins => j * 7) END,
             CASE WHEN j > 3000 AND j <= 4000 THEN now() - make_interval(mins => j * 5) END,
             CASE WHEN j > 3000 AND j <= 4000 THEN '保証金額をご確認ください。' END,
             now() - make_interval(mins => j * 9), now() - make_interval(mins => j * 5)
      FROM generate_series(1, 9000) j
      JOIN bench_contractor c ON c.idx = (j * 31) % ${C} JOIN bench_orderer o ON o.idx = (j * 17) % ${O}
      JOIN bench_dept d ON d.oidx = o.idx AND d.d = 1`);
  await step(`lookup attempts (${N.toLocaleString()})`, `
    INSERT INTO "LookupAttempt"("id","userId","organizationId","numberInput","guaranteeId","outcome","clientAddress","createdAt")
      SELECT gen_random_uuid(), d."userId", d."organizationId",
             CASE WHEN g.i % 50 = 1 THEN left(g.number, 9) || '0' ELSE g.number END,
             CASE WHEN g.i % 50 > 1 THEN g.gid END,
             (CASE WHEN g.i % 50 = 0 THEN 'NOT_FOUND' WHEN g.i % 50 = 1 THEN 'INVALID_NUMBER' ELSE 'FOUND' END)::"LookupOutcome",
             '192.0.2.' || (g.oidx % 250), now() - make_interval(secs => (${N} - g.i) * (365.0 * 86400 / ${N}))
      FROM bench_g g JOIN bench_dept d ON d.oidx = g.oidx AND d.d = 0`);
  await step(`sent mails (${Math.floor(N / 4).toLocaleString()})`, `
    INSERT INTO "OutboxMail"("id","template","to","subject","bodyText","status","attempts","nextAttemptAt","lastError","sentAt","relatedType","relatedId","createdAt")
      SELECT gen_random_uuid(), 'certificate-registered', ARRAY['dept' || g.oidx || '-0@example.lg.jp'],
             '【電子保証】保証証書が登録されました（' || g.number || '）', 'ベンチ',
             (CASE WHEN g.i % 4000 = 0 THEN 'FAILED' WHEN g.i % 4000 = 4 THEN 'PENDING' ELSE 'SENT' END)::"MailStatus",
             CASE WHEN g.i % 4000 = 0 THEN 5 ELSE 1 END, now(), CASE WHEN g.i % 4000 = 0 THEN '550 mailbox unavailable' END,
             CASE WHEN g.i % 4000 > 4 OR g.i % 4000 BETWEEN 1 AND 3 THEN now() - make_interval(secs => (${N} - g.i) * (365.0 * 86400 / ${N})) END,
             'Guarantee', g.gid::text, now() - make_interval(secs => (${N} - g.i) * (365.0 * 86400 / ${N}))
      FROM bench_g g WHERE g.i % 4 = 0`);
  const { rows: ids } = await db.query<{ role: string; orgId: string; userId: string; deptId: string | null; name: string }>(`
    SELECT 'bigContractor' AS role, id AS "orgId", "userId", CAST(NULL AS uuid) AS "deptId", name FROM bench_contractor WHERE idx = 0
    UNION ALL SELECT 'contractor', id, "userId", NULL, name FROM bench_contractor WHERE idx = 1
    UNION ALL SELECT 'bigOrderer', "organizationId", "userId", id, name FROM bench_dept WHERE oidx = 0 AND d = 0
    UNION ALL SELECT 'midOrderer', "organizationId", "userId", id, name FROM bench_dept WHERE oidx = 1 AND d = 0`);
  const { rows: indexes } = await db.query<{ indexdef: string }>('SELECT indexdef FROM bench_indexes');
  await step(`${indexes.length} indexes built again`, indexes.map((i) => i.indexdef).join(';\n'));
  await step('drop plan tables', `
    DROP TABLE bench_g, bench_jv, bench_dept, bench_contractor, bench_orderer, bench_indexes; DROP FUNCTION bench_damm(text);
    RESET session_replication_role`);
  // VACUUM cannot run in a multi-statement string: a step of its own. It sets the visibility map
  // (index-only scans, as autovacuum would have by the time a real table is this big) and the statistics.
  await step('VACUUM ANALYZE', 'VACUUM ANALYZE');
  const actorOf = (role: string, kind: Actor['role'], organizationName: string): Actor => {
    const r = ids.find((x) => x.role === role)!;
    return { userId: r.userId, role: kind, name: 'ベンチ', organizationId: r.orgId, organizationName, departmentId: r.deptId, departmentName: r.deptId ? r.name : null };
  };
  const seconds = (performance.now() - started) / 1000;
  return {
    scale,
    bigContractor: actorOf('bigContractor', 'CONTRACTOR', '大量建設株式会社'),
    contractor: actorOf('contractor', 'CONTRACTOR', ''),
    bigOrderer: actorOf('bigOrderer', 'ORDERER', '東京都'),
    midOrderer: actorOf('midOrderer', 'ORDERER', '大村市'),
    officer: { userId: admin, role: 'ADMIN', name: 'ベンチ審査', organizationId: surety, organizationName: 'ベンチ建設業保証株式会社', departmentId: null, departmentName: null },
    timings,
    seconds,
  };
}
