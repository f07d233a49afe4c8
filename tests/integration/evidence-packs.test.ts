import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { requestEvidencePackAction } from '@/actions/orderer-evidence-pack-actions';
import { signingKey } from '@/config/signing-key';
import { getDb } from '@/db/client';
import { buildPack, claimNextPack, LEASE_MS, RETRY_MS, scopeText } from '@/domain/evidence-packs/build-pack';
import { buildWaitingPacks } from '@/jobs/evidence-pack-builder';
import { fiscalYearRange } from '@/domain/evidence-packs/fiscal-year';
import { verificationGuide } from '@/domain/evidence-packs/guide';
import { EVIDENCE_PACK_MESSAGES as M } from '@/domain/evidence-packs/labels';
import { MANIFEST_CSV_HEADER } from '@/domain/evidence-packs/manifest';
import { downloadableEvidencePack, listEvidencePacks } from '@/domain/evidence-packs/queries';
import { requestEvidencePack } from '@/domain/evidence-packs/request-pack';
import { MAX_OPEN_PACKS } from '@/domain/evidence-packs/schemas';
import { sweepExpired } from '@/domain/retention/sweep';
import { RETENTION_VARIABLES } from '@/config/retention';
import { dbDateToIso, todayInTokyo } from '@/lib/dates';
import { formatJapaneseDate } from '@/lib/wareki';
import { changeGuaranteeAmount, confirm } from '../support/confirmations';
import { concludedGuarantee, makeOrderer, makeUser, must } from '../support/factories';
import { interrupt, outcome } from '../support/interrupt';
import { signInAs } from '../support/session';

vi.mock('@/auth/config', () => import('../support/session'));
/** Set to make the next certificate PDF fail (a character the font lacks, say). */
const drawing = vi.hoisted(() => ({ fail: false, before: null as null | (() => Promise<void>) }));
vi.mock('@/pdf/certificate', async (original) => {
  const actual = await original<typeof import('@/pdf/certificate')>();
  return {
    ...actual,
    renderCertificatePdf: async (data: Parameters<typeof actual.renderCertificatePdf>[0]) => {
      await drawing.before?.();
      if (drawing.fail) throw new Error('cannot draw');
      return actual.renderCertificatePdf(data);
    },
  };
});
afterEach(() => {
  signInAs(null);
  drawing.before = null;
  drawing.fail = false;
});

/**
 * 証拠書類の一括出力 (issue 17, decision 074): the request and its refusals at the field, the background
 * build (claimed once, its lease, a stop, a restart), the pack's contents — every signature verified by
 * the openssl binary with the guide's own commands, in every version folder — the download route, the
 * retention of the ZIP, and who may do any of it.
 */

type Made = Awaited<ReturnType<typeof makeUser>>;
let orderer: Awaited<ReturnType<typeof makeOrderer>>;
let clerk: Made;
let colleague: Made;
let otherClerk: Made;
let contractor: Made;
let admin: Made;
let numbers: string[];
let lastYearNumber: string;
const year = (() => {
  const today = todayInTokyo();
  return Number(today.slice(5, 7)) >= 4 ? Number(today.slice(0, 4)) : Number(today.slice(0, 4)) - 1;
})();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-pack-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

beforeAll(async () => {
  const db = await getDb();
  orderer = await makeOrderer();
  clerk = await makeUser('ORDERER', orderer.id, orderer.departmentId);
  colleague = await makeUser('ORDERER', orderer.id, orderer.departmentId);
  otherClerk = await makeUser('ORDERER');
  contractor = await makeUser('CONTRACTOR');
  admin = await makeUser('ADMIN');
  const { from } = fiscalYearRange(year);
  numbers = [];
  // Three guarantees confirmed this 年度; the second changed (第2版), both its versions confirmed.
  for (let i = 0; i < 3; i++) {
    const g = await concludedGuarantee(contractor, orderer);
    const row = await db.guarantee.findUniqueOrThrow({ where: { number: g.number }, select: { id: true } });
    await confirm(db, { guaranteeId: row.id, clerk: i === 2 ? colleague : clerk, at: new Date(from.getTime() + (i + 1) * 3_600_000) });
    if (i === 1) {
      await changeGuaranteeAmount(db, { actor: admin.actor }, row.id, 35_000_000n);
      await confirm(db, { guaranteeId: row.id, clerk, at: new Date(from.getTime() + 10 * 3_600_000) });
    }
    numbers.push(g.number);
  }
  // One confirmed a minute before the 年度 began: not in it.
  const old = await concludedGuarantee(contractor, orderer);
  const oldRow = await db.guarantee.findUniqueOrThrow({ where: { number: old.number }, select: { id: true } });
  await confirm(db, { guaranteeId: oldRow.id, clerk, at: new Date(from.getTime() - 60_000) });
  lastYearNumber = old.number;
  // Another orderer's confirmed guarantee: never in this orderer's pack.
  const otherOrderer = await db.organization.findUniqueOrThrow({ where: { id: otherClerk.actor.organizationId }, select: { id: true, departments: { select: { id: true } } } });
  const theirs = await concludedGuarantee(contractor, { id: otherOrderer.id, departmentId: otherOrderer.departments[0]!.id });
  const theirsRow = await db.guarantee.findUniqueOrThrow({ where: { number: theirs.number }, select: { id: true } });
  await confirm(db, { guaranteeId: theirsRow.id, clerk: otherClerk, at: new Date(from.getTime() + 3_600_000) });
});

/** Claims and builds every pack waiting (as the job does), small batches and chunks so that both loop. */
async function buildAll() {
  const db = await getDb();
  for (;;) {
    const pack = await claimNextPack(db);
    if (!pack) return;
    await buildPack(db, pack, { batch: 2, chunkBytes: 64 * 1024 });
  }
}

/** The pack's bytes as the route serves them, unzipped into a folder of its own. */
async function unzipped(id: string, who: Made = clerk): Promise<{ dir: string; bytes: Buffer; response: Response }> {
  signInAs(who);
  const { GET } = await import('@/app/orderer/evidence-packs/[id]/download/route');
  const response = await GET(new Request(`http://localhost/orderer/evidence-packs/${id}/download`), { params: Promise.resolve({ id }) } as never);
  expect(response.status).toBe(200);
  const bytes = Buffer.from(await response.arrayBuffer());
  const dir = fs.mkdtempSync(path.join(tmp, 'pack-'));
  fs.writeFileSync(path.join(dir, 'pack.zip'), bytes);
  execFileSync('unzip', ['-q', 'pack.zip', '-d', 'out'], { cwd: dir });
  return { dir: path.join(dir, 'out'), bytes, response };
}

/** The guide's commands, taken from the guide itself (indented lines starting with "openssl"). */
function guideCommands(): { dgst: string; verify: string } {
  const text = verificationGuide({ portalName: 'p', portalUrl: 'http://x', scopeText: 's', ordererName: 'o', createdAtText: 't', total: 0, keyIds: [] });
  const lines = text.split('\n').filter((l) => l.startsWith('    openssl')).map((l) => l.trim());
  return { dgst: lines.find((l) => l.startsWith('openssl dgst -sha256 content.json'))!, verify: lines.find((l) => l.startsWith('openssl pkeyutl -verify'))! };
}

describe('a pack of the 年度', () => {
  it('holds every version confirmed in it (and only those), each signature verified by openssl with the guide’s commands', async () => {
    const db = await getDb();
    const { id } = must(await requestEvidencePack(db, clerk.actor, { scope: 'year', fiscalYear: String(year) }));
    expect((await listEvidencePacks(db, colleague.actor)).find((p) => p.id === id)).toMatchObject({ status: 'QUEUED', downloadable: false });
    await buildAll();
    const listed = (await listEvidencePacks(db, clerk.actor)).find((p) => p.id === id)!;
    expect(listed).toMatchObject({ status: 'DONE', total: 4, done: 4, downloadable: true });
    const chunks = await db.evidencePackChunk.count({ where: { packId: id } });
    expect(chunks).toBeGreaterThan(1);

    const { dir, bytes, response } = await unzipped(id);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(Number(response.headers.get('content-length'))).toBe(bytes.length);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(listed.sha256);
    expect(response.headers.get('content-disposition')).toContain(encodeURIComponent('証拠書類_令和'));

    const folders = fs.readdirSync(path.join(dir, 'versions')).sort();
    expect(folders).toEqual([`${numbers[0]}-v1`, `${numbers[1]}-v1`, `${numbers[1]}-v2`, `${numbers[2]}-v1`].sort());
    expect(folders.join()).not.toContain(lastYearNumber);
    const { dgst, verify } = guideCommands();
    expect(verify).toBe('openssl pkeyutl -verify -pubin -inkey key.pem -rawin -in digest.bin -sigfile sig.bin');
    const key = signingKey();
    for (const folder of folders) {
      const cwd = path.join(dir, 'versions', folder);
      for (const f of ['certificate.pdf', 'content.json', 'digest.txt', 'digest.bin', 'signature.txt', 'sig.bin', 'key.pem']) expect(fs.existsSync(path.join(cwd, f)), `${folder}/${f}`).toBe(true);
      expect(fs.readdirSync(cwd).filter((f) => /^record-[0-9a-f]{8}\.pdf$/.test(f)).length).toBeGreaterThanOrEqual(1);
      for (const pdf of fs.readdirSync(cwd).filter((f) => f.endsWith('.pdf'))) expect(fs.readFileSync(path.join(cwd, pdf)).subarray(0, 5).toString()).toBe('%PDF-');
      // As stored: the version's digest, signature and key id.
      const [number, v] = folder.split('-v');
      const stored = await db.certificateVersion.findFirstOrThrow({ where: { guarantee: { number }, version: Number(v) } });
      expect(fs.readFileSync(path.join(cwd, 'digest.txt'), 'utf8')).toBe(stored.digest);
      expect(fs.readFileSync(path.join(cwd, 'signature.txt'), 'utf8')).toBe(stored.signature);
      expect(fs.readFileSync(path.join(cwd, 'key.pem'), 'utf8')).toBe(key.publicKeyPem);
      // (1) the content's hash is the digest; (2) the signature verifies — the guide's commands as written.
      const hashed = spawnSync('sh', ['-c', dgst], { cwd, encoding: 'utf8' });
      expect(hashed.status).toBe(0);
      expect(hashed.stdout).toContain(stored.digest!);
      const verified = spawnSync('sh', ['-c', verify], { cwd, encoding: 'utf8' });
      expect(verified.status, verified.stderr).toBe(0);
      expect(verified.stdout).toContain('Signature Verified Successfully');
    }
    // 第1版 of the changed guarantee says in its sheet that 第2版（変更） exists (decision 073, amended
    // 2026-12-06: true when the pack is built); 第2版 and the unchanged guarantees' sheets do not.
    const v2 = await db.certificateVersion.findFirstOrThrow({ where: { guarantee: { number: numbers[1] }, version: 2 } });
    const sheet = (folder: string) => execFileSync('pdftotext', ['-raw', path.join(dir, 'versions', folder, 'certificate.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(sheet(`${numbers[1]}-v1`)).toContain(`この証書は第1版です。第2版（変更）が発行されています（${formatJapaneseDate(dbDateToIso(v2.issuedOn)).replace(/\s+/g, '')}発行）。`);
    for (const folder of [`${numbers[1]}-v2`, `${numbers[0]}-v1`]) expect(sheet(folder)).not.toContain('この証書は第');
    // A changed byte of the signed digest fails openssl.
    const cwd = path.join(dir, 'versions', folders[0]!);
    const digest = fs.readFileSync(path.join(cwd, 'digest.bin'));
    digest[0] = digest[0]! ^ 1;
    fs.writeFileSync(path.join(cwd, 'digest.bin'), digest);
    const failed = spawnSync('sh', ['-c', verify], { cwd, encoding: 'utf8' });
    expect(failed.status).not.toBe(0);
    expect(failed.stdout + failed.stderr).toContain('Signature Verification Failure');
    // The guide's loop over every folder, on a fresh copy: every version OK.
    const fresh = await unzipped(id);
    const loop = verificationGuide({ portalName: 'p', portalUrl: 'http://x', scopeText: 's', ordererName: 'o', createdAtText: 't', total: 0, keyIds: [] })
      .split('\n')
      .find((l) => l.startsWith('    for d in versions'))!
      .trim();
    const all = spawnSync('bash', ['-c', loop], { cwd: fresh.dir, encoding: 'utf8' });
    expect(all.stdout.trim().split('\n').sort()).toEqual(folders.map((f) => `OK versions/${f}/`).sort());

    // The manifests: a row per version with what is stored; the keys; the guide.
    const csv = fs.readFileSync(path.join(dir, 'manifest.csv'), 'utf8');
    expect(csv.startsWith('\ufeff')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(MANIFEST_CSV_HEADER.join(','));
    expect(lines).toHaveLength(1 + 4);
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { total: number; entries: { number: string; version: number; digest: string; signature: string; keyId: string; confirmations: unknown[] }[] };
    expect(json.total).toBe(4);
    expect(json.entries.map((e) => `${e.number}-v${e.version}`).sort()).toEqual(folders);
    for (const e of json.entries) {
      const stored = await db.certificateVersion.findFirstOrThrow({ where: { guarantee: { number: e.number }, version: e.version } });
      expect({ digest: e.digest, signature: e.signature, keyId: e.keyId }).toEqual({ digest: stored.digest, signature: stored.signature, keyId: stored.signingKeyId });
      // The CSV gives the signature as the hex of sig.bin's bytes (a base64 one starting with + would get an apostrophe).
      const sigHex = fs.readFileSync(path.join(dir, 'versions', `${e.number}-v${e.version}`, 'sig.bin')).toString('hex');
      expect(sigHex).toBe(Buffer.from(stored.signature!, 'base64').toString('hex'));
      expect(lines.some((l) => l.includes(`,${stored.digest!},${sigHex},`))).toBe(true);
    }
    expect(fs.readFileSync(path.join(dir, 'keys', `${key.keyId}.pem`), 'utf8')).toBe(key.publicKeyPem);
    const guide = fs.readFileSync(path.join(dir, 'README.txt'), 'utf8');
    expect(guide).toContain('令和');
    expect(guide).toContain(orderer.name);
  });
});

describe('the request', () => {
  it('refuses at the field, nothing written: a malformed or unconfirmed number, a 年度 not offered or with nothing confirmed; numbers pick every confirmed version of theirs', async () => {
    const db = await getDb();
    const before = await db.evidencePack.count();
    const refused = async (input: Record<string, string>) => {
      const r = await requestEvidencePack(db, clerk.actor, input);
      expect(r.ok).toBe(false);
      return r.ok ? {} : r.fieldErrors;
    };
    expect(await refused({ scope: 'numbers', numbers: '' })).toEqual({ numbers: [M.numbersRequired] });
    expect(await refused({ scope: 'numbers', numbers: '1234567890' })).toEqual({ numbers: [M.numberInvalid('1234567890')] });
    expect((await refused({ scope: 'numbers', numbers: `${numbers[0]}\n${(await otherNumber())}` })).numbers?.[0]).toContain('確認した電子証書がありません');
    expect(await refused({ scope: 'year', fiscalYear: '1999' })).toEqual({ fiscalYear: [M.fiscalYearOutOfRange] });
    expect(await refused({ scope: 'year', fiscalYear: '' })).toEqual({ fiscalYear: [M.fiscalYearRequired] });
    expect(await refused({ scope: 'year', fiscalYear: String(year - 2) })).toEqual({ fiscalYear: [M.nothingConfirmed(`令和${year - 2 - 2018}年度`)] });
    expect(await refused({ scope: 'other' })).toEqual({ scope: [M.scopeRequired] });
    expect(await db.evidencePack.count()).toBe(before);

    // By number (全角, spaces and 、 accepted): every confirmed version, last 年度's included.
    const { id } = must(await requestEvidencePack(db, clerk.actor, { scope: 'numbers', numbers: `${numbers[1]}、 ${lastYearNumber.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0))}` }));
    await buildAll();
    const { dir } = await unzipped(id);
    expect(fs.readdirSync(path.join(dir, 'versions')).sort()).toEqual([`${numbers[1]}-v1`, `${numbers[1]}-v2`, `${lastYearNumber}-v1`].sort());
  });

  it(`allows ${MAX_OPEN_PACKS} packs waiting or being built per orderer, then answers for the form`, async () => {
    const db = await getDb();
    const o = await makeOrderer();
    const staff = await makeUser('ORDERER', o.id, o.departmentId);
    const g = await concludedGuarantee(contractor, o);
    const row = await db.guarantee.findUniqueOrThrow({ where: { number: g.number }, select: { id: true } });
    await confirm(db, { guaranteeId: row.id, clerk: staff });
    for (let i = 0; i < MAX_OPEN_PACKS; i++) must(await requestEvidencePack(db, staff.actor, { scope: 'numbers', numbers: g.number }));
    expect(await requestEvidencePack(db, staff.actor, { scope: 'numbers', numbers: g.number })).toEqual({ ok: false, fieldErrors: { '': [M.busy(MAX_OPEN_PACKS)] } });
    await buildAll();
    expect((await requestEvidencePack(db, staff.actor, { scope: 'numbers', numbers: g.number })).ok).toBe(true);
    await buildAll();
  });
});

async function otherNumber() {
  const db = await getDb();
  const g = await db.guarantee.findFirstOrThrow({ where: { ordererId: otherClerk.actor.organizationId }, select: { number: true } });
  return g.number;
}

describe('the background build', () => {
  it('is claimed by one caller; a lease run out is claimed again and starts over; the stale builder writes nothing; a stop gives the pack back', async () => {
    const db = await getDb();
    const { id } = must(await requestEvidencePack(db, clerk.actor, { scope: 'numbers', numbers: numbers[0]! }));
    const [first, second] = await Promise.all([claimNextPack(db), claimNextPack(db)]);
    expect([first?.id, second?.id].filter(Boolean)).toEqual([id]);
    const claimed = (first ?? second)!;
    // Its instance dies: leftovers of the attempt stay until the next claim, after the lease.
    await db.evidencePackChunk.create({ data: { packId: id, seq: 0, data: Buffer.from('partial') } });
    expect(await claimNextPack(db)).toBeNull();
    const later = new Date(Date.now() + LEASE_MS + 1_000);
    const again = (await claimNextPack(db, later))!;
    expect(again).toMatchObject({ id, attempt: claimed.attempt + 1 });
    expect(await db.evidencePackChunk.count({ where: { packId: id } })).toBe(0);
    // The first builder comes back to life: refused at its first write.
    expect(await buildPack(db, claimed)).toBe('lost');
    expect(await db.evidencePackChunk.count({ where: { packId: id } })).toBe(0);
    // A stop between versions gives the pack back to the queue, nothing kept.
    expect(await buildPack(db, again, { stopped: () => true })).toBe('stopped');
    expect(await db.evidencePack.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'QUEUED', leaseUntil: null });
    expect(await db.evidencePackChunk.count({ where: { packId: id } })).toBe(0);
    await buildAll();
    expect(await db.evidencePack.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'DONE', attempts: 3 });
  });

  it('gives a pack up after its attempts, with the reason shown', async () => {
    const db = await getDb();
    const { id } = must(await requestEvidencePack(db, clerk.actor, { scope: 'numbers', numbers: numbers[0]! }));
    let at = Date.now();
    for (let i = 0; i < 3; i++) {
      at += LEASE_MS + 1_000;
      expect((await claimNextPack(db, new Date(at)))?.id).toBe(id);
    }
    at += LEASE_MS + 1_000;
    expect(await claimNextPack(db, new Date(at))).toBeNull();
    expect((await listEvidencePacks(db, clerk.actor)).find((p) => p.id === id)).toMatchObject({ status: 'FAILED', failure: M.failed, downloadable: false });
  });
});

describe('a version that cannot be drawn', () => {
  it('fails the pack with the reason on the page, its chunks removed, the builder free for the next', async () => {
    const db = await getDb();
    const { id } = must(await requestEvidencePack(db, clerk.actor, { scope: 'numbers', numbers: numbers.join('\n') }));
    const pack = (await claimNextPack(db))!;
    drawing.fail = true;
    try {
      await expect(buildPack(db, pack, { batch: 2, chunkBytes: 1024 })).rejects.toThrow('cannot draw');
    } finally {
      drawing.fail = false;
    }
    expect(await db.evidencePackChunk.count({ where: { packId: id } })).toBe(0);
    // The first version drawn is the first number's 第1版: the page names it.
    const first = [...numbers].sort()[0]!;
    expect((await listEvidencePacks(db, clerk.actor)).find((p) => p.id === id)).toMatchObject({ status: 'FAILED', failure: M.drawFailed(first, 1), downloadable: false });
    expect(M.drawFailed(first, 1)).toContain(`保証契約番号 ${first} の第1版`);
    expect(await claimNextPack(db)).toBeNull();
  });
});

describe('review of the build (decision 074 amended)', () => {
  const periods = { lookupAttemptDays: 366, mailDays: 366, auditDays: 366, signInAuditDays: 183, contractPreviewDays: 1, evidencePackDays: 30 };

  it('a builder that lost its lease never deletes the new owner’s chunks, whether it then fails or is stopped', async () => {
    const db = await getDb();
    for (const ending of ['failure', 'stop'] as const) {
      const { id } = must(await requestEvidencePack(db, clerk.actor, { scope: 'numbers', numbers: numbers.join('\n') }));
      const stale = (await claimNextPack(db))!;
      let owner: Awaited<ReturnType<typeof claimNextPack>> = null;
      let stop = false;
      drawing.before = async () => {
        drawing.before = null;
        // Meanwhile another instance takes the pack over (the lease ran out) and writes its first chunk.
        owner = await claimNextPack(db, new Date(Date.now() + LEASE_MS + 1_000));
        await db.evidencePackChunk.create({ data: { packId: id, seq: 0, data: Buffer.from('theirs') } });
        if (ending === 'failure') throw new Error('cannot draw');
        stop = true;
      };
      const result = await buildPack(db, stale, { batch: 2, chunkBytes: 1 << 30, stopped: () => stop }).catch((error: unknown) => error);
      expect(result).toBe('lost');
      expect(owner).toMatchObject({ id, attempt: stale.attempt + 1 });
      expect(await db.evidencePackChunk.count({ where: { packId: id } })).toBe(1);
      expect(await db.evidencePack.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'RUNNING', attempts: stale.attempt + 1, failure: null });
      // The owner goes on (its own chunk removed here: it would start at seq 0 again in this test).
      await db.evidencePackChunk.deleteMany({ where: { packId: id } });
      expect(await buildPack(db, owner!, { batch: 2 })).toBe('done');
    }
  });

  it('renews its lease while no chunk is written; a stop is honoured after the last version, while the manifests are written', async () => {
    const db = await getDb();
    const { id } = must(await requestEvidencePack(db, clerk.actor, { scope: 'numbers', numbers: numbers.join('\n') }));
    const pack = (await claimNextPack(db))!;
    const claimedUntil = (await db.evidencePack.findUniqueOrThrow({ where: { id } })).leaseUntil!;
    let clock = Date.now();
    let seen: Date | null = null;
    drawing.before = async () => {
      drawing.before = null;
      clock += 90_000;
      await new Promise((resolve) => setTimeout(resolve, 300));
      seen = (await db.evidencePack.findUniqueOrThrow({ where: { id } })).leaseUntil;
    };
    expect(await buildPack(db, pack, { chunkBytes: 1 << 30, renewMs: 20, now: () => new Date(clock) })).toBe('done');
    expect(seen!.getTime()).toBeGreaterThan(claimedUntil.getTime() + 60_000);

    // The 4 versions: the stop comes when the last one is drawn, after the producer checked for it the last time.
    const again = must(await requestEvidencePack(db, clerk.actor, { scope: 'numbers', numbers: numbers.join('\n') }));
    const claimed = (await claimNextPack(db))!;
    let drawn = 0;
    let stop = false;
    drawing.before = async () => {
      drawn += 1;
      if (drawn === 4) stop = true;
    };
    expect(await buildPack(db, claimed, { batch: 2, chunkBytes: 1024, stopped: () => stop })).toBe('stopped');
    expect(await db.evidencePack.findUniqueOrThrow({ where: { id: again.id } })).toMatchObject({ status: 'QUEUED', leaseUntil: null });
    expect(await db.evidencePackChunk.count({ where: { packId: again.id } })).toBe(0);
    drawing.before = null;
    await buildAll();
    expect(await db.evidencePack.findUniqueOrThrow({ where: { id: again.id } })).toMatchObject({ status: 'DONE' });
  });

  it('a database error goes through the attempts: claimed again and built, not failed at once', async () => {
    const db = await getDb();
    const { id } = must(await requestEvidencePack(db, clerk.actor, { scope: 'numbers', numbers: numbers[0]! }));
    const pack = (await claimNextPack(db))!;
    const flaky = new Proxy(db, {
      get(target, key) {
        if (key === '$executeRaw') {
          return (strings: TemplateStringsArray, ...values: unknown[]) =>
            strings.join('').includes('INSERT INTO "EvidencePackChunk"') ? Promise.reject(new Error('connection terminated')) : target.$executeRaw(strings, ...values);
        }
        const value = Reflect.get(target, key) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    await expect(buildPack(flaky, pack, { chunkBytes: 64 * 1024 })).rejects.toThrow('connection terminated');
    expect(await db.evidencePack.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'RUNNING', failure: null });
    expect(await db.evidencePackChunk.count({ where: { packId: id } })).toBe(0);
    // Backed off: not claimable before attempts × RETRY_MS.
    expect(await claimNextPack(db, new Date(Date.now() + 1_000))).toBeNull();
    const again = (await claimNextPack(db, new Date(Date.now() + pack.attempt * RETRY_MS + 1_000)))!;
    expect(again).toMatchObject({ id, attempt: pack.attempt + 1 });
    expect(await buildPack(db, again)).toBe('done');
  });

  it('a database error thrown twice does not use up the attempts in one tick: the tick ends, the pack waits out its back-off', async () => {
    const db = await getDb();
    const { id } = must(await requestEvidencePack(db, clerk.actor, { scope: 'numbers', numbers: numbers[0]! }));
    let failures = 2;
    const flaky = new Proxy(db, {
      get(target, key) {
        if (key === '$executeRaw') {
          return (strings: TemplateStringsArray, ...values: unknown[]) =>
            strings.join('').includes('INSERT INTO "EvidencePackChunk"') && failures-- > 0
              ? Promise.reject(new Error('connection terminated'))
              : target.$executeRaw(strings, ...values);
        }
        const value = Reflect.get(target, key) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const started = Date.now();
    await buildWaitingPacks(flaky, () => false);
    const row = await db.evidencePack.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: 'RUNNING', attempts: 1, failure: null });
    expect(row.leaseUntil!.getTime()).toBeGreaterThanOrEqual(started + RETRY_MS - 1_000);
    // A second tick within the back-off claims nothing; after it, the second attempt backs off twice as long.
    await buildWaitingPacks(flaky, () => false);
    expect(await db.evidencePack.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'RUNNING', attempts: 1 });
    const second = (await claimNextPack(db, new Date(Date.now() + RETRY_MS + 1_000)))!;
    expect(second).toMatchObject({ id, attempt: 2 });
    const before = Date.now();
    await expect(buildPack(flaky, second)).rejects.toThrow('connection terminated');
    expect((await db.evidencePack.findUniqueOrThrow({ where: { id } })).leaseUntil!.getTime()).toBeGreaterThanOrEqual(before + 2 * RETRY_MS - 1_000);
    const third = (await claimNextPack(db, new Date(Date.now() + 2 * RETRY_MS + 1_000)))!;
    expect(third).toMatchObject({ id, attempt: 3 });
    expect(await buildPack(flaky, third)).toBe('done');
  });

  it('a pack given up leaves no chunks; the sweep removes what unfinished packs left, never a live build’s', async () => {
    const db = await getDb();
    const { id } = must(await requestEvidencePack(db, clerk.actor, { scope: 'numbers', numbers: numbers[0]! }));
    let at = Date.now();
    for (let i = 0; i < 3; i++) {
      at += LEASE_MS + 1_000;
      expect((await claimNextPack(db, new Date(at)))?.id).toBe(id);
      await db.evidencePackChunk.create({ data: { packId: id, seq: 0, data: Buffer.from('partial') } });
    }
    at += LEASE_MS + 1_000;
    expect(await claimNextPack(db, new Date(at))).toBeNull();
    expect(await db.evidencePack.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'FAILED', expiresAt: null });
    expect(await db.evidencePackChunk.count({ where: { packId: id } })).toBe(0);

    // Left by an older version of the builder: a FAILED pack's chunks, and a build whose instance died.
    await db.evidencePackChunk.create({ data: { packId: id, seq: 0, data: Buffer.from('left') } });
    const live = must(await requestEvidencePack(db, clerk.actor, { scope: 'numbers', numbers: numbers[1]! }));
    const running = (await claimNextPack(db))!;
    expect(running.id).toBe(live.id);
    await db.evidencePackChunk.create({ data: { packId: live.id, seq: 0, data: Buffer.from('being built') } });
    await sweepExpired(db, { now: new Date(), periods });
    expect(await db.evidencePackChunk.count({ where: { packId: id } })).toBe(0);
    expect(await db.evidencePackChunk.count({ where: { packId: live.id } })).toBe(1);
    // Its lease run out (a stalled builder, which may yet go on): the sweep keeps its chunks all the same;
    // the next claim, fenced, deletes them.
    await db.evidencePack.update({ where: { id: live.id }, data: { leaseUntil: new Date(Date.now() - 60_000) } });
    await sweepExpired(db, { now: new Date(), periods });
    await sweepExpired(db, { now: new Date(Date.now() + LEASE_MS + 1_000), periods });
    expect(await db.evidencePackChunk.count({ where: { packId: live.id } })).toBe(1);
    // Given up: its chunks go; so do a waiting pack's left over.
    await db.evidencePack.update({ where: { id: live.id }, data: { status: 'FAILED', leaseUntil: null } });
    await db.evidencePackChunk.create({ data: { packId: id, seq: 0, data: Buffer.from('left') } });
    const waiting = must(await requestEvidencePack(db, clerk.actor, { scope: 'numbers', numbers: numbers[2]! }));
    await db.evidencePackChunk.create({ data: { packId: waiting.id, seq: 0, data: Buffer.from('left') } });
    await sweepExpired(db, { now: new Date(), periods });
    expect(await db.evidencePackChunk.count({ where: { packId: { in: [id, live.id, waiting.id] } } })).toBe(0);
    await db.evidencePack.update({ where: { id: waiting.id }, data: { status: 'FAILED' } });
  });

  it('the page’s 範囲 names the first numbers of a long selection, then 「ほか N件」', () => {
    const many = Array.from({ length: 7 }, (_, i) => `207000442${i}`);
    expect(scopeText({ fiscalYear: null, numbers: many }, 5)).toBe(`指定した保証契約番号（7件）: ${many.slice(0, 5).join('、')} ほか 2件`);
    expect(scopeText({ fiscalYear: null, numbers: many })).toContain(many[6]!);
  });
});

describe('retention', () => {
  it('the sweep removes the ZIP past expiresAt; the row stays, the page says so and the route answers 404', async () => {
    const db = await getDb();
    const { id } = must(await requestEvidencePack(db, clerk.actor, { scope: 'numbers', numbers: numbers[2]! }));
    await buildAll();
    const pack = await db.evidencePack.findUniqueOrThrow({ where: { id } });
    const days = RETENTION_VARIABLES.evidencePackDays.fallback;
    expect(pack.expiresAt!.getTime() - pack.finishedAt!.getTime()).toBe(days * 24 * 3_600_000);
    const periods = { lookupAttemptDays: 366, mailDays: 366, auditDays: 366, signInAuditDays: 183, contractPreviewDays: 1, evidencePackDays: days };
    const chunks = await db.evidencePackChunk.count({ where: { packId: id } });
    // Just before: this pack's ZIP is kept (the packs built before it in this file may go).
    await sweepExpired(db, { now: new Date(pack.expiresAt!.getTime() - 1), periods });
    expect(await db.evidencePackChunk.count({ where: { packId: id } })).toBe(chunks);
    await expect(downloadableEvidencePack(db, clerk.actor, id, pack.expiresAt!)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const swept = await sweepExpired(db, { now: pack.expiresAt!, periods });
    expect(swept.removed.evidencePackChunks).toBeGreaterThanOrEqual(chunks);
    expect(await db.evidencePackChunk.count({ where: { packId: id } })).toBe(0);
    expect((await listEvidencePacks(db, clerk.actor, pack.expiresAt!)).find((p) => p.id === id)).toMatchObject({ status: 'DONE', expired: true, downloadable: false });
  });
});

describe('access: only the orderer’s own staff', () => {
  it('use cases, the action, the page and the route', async () => {
    const db = await getDb();
    const { id } = must(await requestEvidencePack(db, clerk.actor, { scope: 'numbers', numbers: numbers[0]! }));
    await buildAll();
    // Use cases: another orderer sees none of it, other roles are FORBIDDEN.
    expect((await listEvidencePacks(db, otherClerk.actor)).map((p) => p.id)).not.toContain(id);
    await expect(downloadableEvidencePack(db, otherClerk.actor, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    for (const who of [contractor, admin]) {
      await expect(listEvidencePacks(db, who.actor)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(requestEvidencePack(db, who.actor, { scope: 'year', fiscalYear: String(year) })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(downloadableEvidencePack(db, who.actor, id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    // Another orderer cannot pack this orderer's numbers: refused at the field, as unconfirmed.
    const theirs = await requestEvidencePack(db, otherClerk.actor, { scope: 'numbers', numbers: numbers[0]! });
    expect(theirs.ok).toBe(false);

    // The action.
    const form = (values: Record<string, string>) => {
      const f = new FormData();
      for (const [k, v] of Object.entries(values)) f.set(k, v);
      return f;
    };
    const before = await db.evidencePack.count();
    signInAs(null);
    expect(await interrupt(requestEvidencePackAction(undefined, form({ scope: 'year', fiscalYear: String(year) })))).toBe('redirect:/login');
    for (const who of [contractor, admin]) {
      signInAs(who);
      expect(await interrupt(requestEvidencePackAction(undefined, form({ scope: 'year', fiscalYear: String(year) })))).toBe('app-error:FORBIDDEN');
    }
    expect(await db.evidencePack.count()).toBe(before);
    signInAs(clerk);
    const bad = (await outcome(requestEvidencePackAction(undefined, form({ scope: 'numbers', numbers: 'abc' })))) as { error?: Record<string, string[]> };
    expect(bad.error?.numbers).toEqual([M.numberInvalid('abc')]);
    expect(await interrupt(requestEvidencePackAction(undefined, form({ scope: 'year', fiscalYear: String(year) })))).toBe('redirect:/orderer/evidence-packs?saved=started');
    await buildAll();

    // The page.
    const { default: Page } = await import('@/app/orderer/evidence-packs/page');
    const props = { params: Promise.resolve({}), searchParams: Promise.resolve({}) } as never;
    signInAs(null);
    expect(await interrupt(Page(props))).toBe('redirect:/login');
    for (const who of [contractor, admin]) {
      signInAs(who);
      expect(await interrupt(Page(props))).toBe('not-found');
    }
    signInAs(clerk);
    expect(await interrupt(Page(props))).toBe('passed');

    // The route: signed-out 401; other sides, another orderer, a malformed id 404; a colleague 200.
    const { GET } = await import('@/app/orderer/evidence-packs/[id]/download/route');
    const get = (packId: string) => GET(new Request(`http://localhost/orderer/evidence-packs/${packId}/download`), { params: Promise.resolve({ id: packId }) } as never);
    signInAs(null);
    expect((await get(id)).status).toBe(401);
    for (const who of [contractor, admin, otherClerk]) {
      signInAs(who);
      expect((await get(id)).status).toBe(404);
    }
    signInAs(colleague);
    expect((await get('not-a-uuid')).status).toBe(404);
    const ok = await get(id);
    expect(ok.status).toBe(200);
    expect(Buffer.from(await ok.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
  });
});
