import 'server-only';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import { publishedKeys } from '@/config/signing-key';
import { retentionPeriods } from '@/config/retention';
import type { Db } from '@/db/client';
import { Prisma } from '@/generated/prisma/client';
import { certificatePdfData } from '@/domain/certificates/pdf-data';
import { verifyUrl } from '@/domain/certificates/verification';
import { canonicalJson } from '@/domain/certificates/content';
import { supersededLine } from '@/domain/changes/version-notice';
import { portalUrl } from '@/domain/guarantees/mail-texts';
import { GUARANTEE_KIND_LABEL, GUARANTEE_STATUS_LABEL } from '@/domain/labels';
import { renderCertificatePdf } from '@/pdf/certificate';
import { renderVerificationRecordPdf } from '@/pdf/verification-record';
import { countPackVersions, packVersions, type PackScope, type PackVersion } from './contents';
import { fiscalYearLabel, fiscalYearRange } from './fiscal-year';
import { GUIDE_FILENAME, verificationGuide } from './guide';
import { API_CHECKER, EVIDENCE_PACK_MESSAGES as M } from './labels';
import { manifestCsvText, manifestJson, tokyoMinute, type PackEntry } from './manifest';

/**
 * Builds evidence packs in the background (decision 074). A pack is claimed by one instance at a time:
 * `claimNextPack` takes the oldest QUEUED pack, or a RUNNING one whose lease has run out (its instance
 * crashed or stopped), with FOR UPDATE SKIP LOCKED, raises its `attempts` (the claim's fencing token) and
 * leases it for LEASE_MS. The build then writes the ZIP through yazl, as a stream, into
 * EvidencePackChunk rows of about 1 MiB, renewing the lease and the progress with each chunk; every
 * write names the attempt, so an instance that lost its lease writes nothing more. A claim starts the
 * pack over: the chunks of an earlier attempt are deleted first.
 *
 * Memory stays flat: versions are read a batch at a time, at most WINDOW versions are queued in the
 * ZIP ahead of what is written, each PDF is rendered only when the ZIP reaches its entry (yazl's lazy
 * entries), and the output is pulled by the chunk writer, which waits for each INSERT.
 */

export const LEASE_MS = 2 * 60_000;
export const CHUNK_BYTES = 1024 * 1024;
/** A pack that failed (or killed its process) this many times is given up, with the reason. */
export const MAX_ATTEMPTS = 3;
/** After an error other than DrawFailed the pack is claimable again after attempts × RETRY_MS. */
export const RETRY_MS = 30_000;
/** Versions queued in the ZIP ahead of the output. */
const WINDOW = 4;
/** The progress is written at most this often (and with every chunk). */
const PROGRESS_MS = 1_000;
/**
 * Lease and progress are renewed this often on a timer too, whatever the build is doing (a large 年度's
 * manifests are minutes of reading with no chunk written, and one version's PDFs may take seconds).
 */
export const RENEW_MS = 5_000;

const ts = (d: Date) => d.toISOString();
const DAY_MS = 24 * 60 * 60_000;

export interface ClaimedPack {
  id: string;
  attempt: number;
  scope: PackScope;
}

/** Gives up packs that failed MAX_ATTEMPTS times, then claims the next one to build (null: none). */
export async function claimNextPack(db: Db, now = new Date()): Promise<ClaimedPack | null> {
  // Given up: marked FAILED and its chunks deleted in one statement (nothing of it is ever served).
  await db.$executeRaw`
    WITH failed AS (
      UPDATE "EvidencePack" SET "status" = 'FAILED', "failure" = COALESCE("failure", ${M.failed}), "finishedAt" = CAST(${ts(now)} AS timestamp(3)), "leaseUntil" = NULL
      WHERE "status" = 'RUNNING' AND "leaseUntil" < CAST(${ts(now)} AS timestamp(3)) AND "attempts" >= ${MAX_ATTEMPTS}
      RETURNING "id")
    DELETE FROM "EvidencePackChunk" WHERE "packId" IN (SELECT "id" FROM failed)`;
  const until = new Date(now.getTime() + LEASE_MS);
  // The claim and the deletion of an earlier attempt's chunks in one transaction: the claim's row lock
  // makes a stale builder's fenced INSERT (FOR SHARE on the pack) wait, then find the fence gone.
  return db.$transaction(async (tx) => {
  const rows = await tx.$queryRaw<{ id: string; attempts: number; ordererId: string; fiscalYear: number | null; numbers: string[] }[]>`
    UPDATE "EvidencePack" p SET "status" = 'RUNNING', "attempts" = p."attempts" + 1, "leaseUntil" = CAST(${ts(until)} AS timestamp(3)),
      "startedAt" = CAST(${ts(now)} AS timestamp(3)), "done" = 0
    WHERE p."id" = (
      SELECT "id" FROM "EvidencePack"
      WHERE "status" = 'QUEUED' OR ("status" = 'RUNNING' AND "leaseUntil" < CAST(${ts(now)} AS timestamp(3)))
      ORDER BY "createdAt" LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING p."id", p."attempts", p."ordererId", p."fiscalYear", p."numbers"`;
  const row = rows[0];
  if (!row) return null;
  // What an earlier attempt wrote is thrown away: the pack starts over.
  await tx.$executeRaw`DELETE FROM "EvidencePackChunk" WHERE "packId" = CAST(${row.id} AS uuid)`;
  return { id: row.id, attempt: row.attempts, scope: { ordererId: row.ordererId, fiscalYear: row.fiscalYear, numbers: row.numbers } };
  });
}

/** Lost the lease (another instance took the pack over, or it was removed): stop writing. */
export class LeaseLost extends Error {}

/** A version whose certificate or 確認記録 could not be drawn: the pack fails at once, naming it. */
export class DrawFailed extends Error {
  constructor(readonly number: string, readonly version: number, cause: unknown) {
    super(`cannot draw ${number} v${version}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/**
 * The scope as the guide and the page name it. `listed` (the page): at most that many numbers, then
 * 「ほか N件」 (a selection holds up to 500).
 */
export function scopeText(scope: Pick<PackScope, 'fiscalYear' | 'numbers'>, listed?: number): string {
  if (scope.fiscalYear !== null) {
    const { from, to } = fiscalYearRange(scope.fiscalYear);
    const last = new Date(to.getTime() - 1);
    const day = (d: Date) => tokyoMinute(d).slice(0, 10);
    return `${fiscalYearLabel(scope.fiscalYear)}（確認日 ${day(from)}〜${day(last)}）`;
  }
  const shown = listed !== undefined && scope.numbers.length > listed ? scope.numbers.slice(0, listed) : scope.numbers;
  const rest = scope.numbers.length - shown.length;
  return `指定した保証契約番号（${scope.numbers.length}件）: ${shown.join('、')}${rest > 0 ? ` ほか ${rest}件` : ''}`;
}

/** The lazy entry's stream: the bytes rendered when the ZIP reaches it. */
const lazy = (zip: ZipFile, path: string, make: () => Promise<Uint8Array | string>, onStart?: () => void) =>
  zip.addReadStreamLazy(path, (cb) => {
    onStart?.();
    make().then(
      (bytes) => cb(null, Readable.from([typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : Buffer.from(bytes)])),
      (error: unknown) => cb(error instanceof Error ? error : new Error(String(error)), undefined as never),
    );
  });

/** The entries of one version: certificate, 確認記録, content, digest and signature, the key. */
function addVersion(zip: ZipFile, v: PackVersion, e: PackEntry, keyPems: ReadonlyMap<string, string>, onDone: () => void): void {
  const content = v.content;
  const drawn = async (draw: () => Promise<Uint8Array>) => {
    try {
      return await draw();
    } catch (error) {
      throw new DrawFailed(e.number, e.version, error);
    }
  };
  // An older version's sheet says a later one exists, as the 「PDFで保存」 does (decision 073): true when the pack is built.
  const superseded = supersededLine({ version: e.version, changed: e.changed, issuedOn: e.issuedOn }, v.latest);
  const verification = e.digest ? { digest: e.digest, url: verifyUrl(e.digest) } : null;
  lazy(zip, `${e.folder}/certificate.pdf`, () => drawn(() => renderCertificatePdf(certificatePdfData(content, { verification, superseded }))));
  for (const c of e.confirmations) {
    const status = v.statusAt.find((s) => s.confirmationId === c.id)?.status ?? 'ACTIVE';
    lazy(zip, c.recordPath, () => drawn(() =>
      renderVerificationRecordPdf({
        confirmationId: c.id,
        checkedAt: c.confirmedAt,
        checker: { name: c.userName ?? API_CHECKER, organization: v.organizationName, department: c.departmentName },
        number: e.number,
        kindLabel: GUARANTEE_KIND_LABEL[content.kind],
        projectName: content.projectName,
        contractorName: e.holderName,
        obligeeName: content.obligee.name,
        guaranteeAmount: BigInt(content.guaranteeAmount),
        guaranteePeriod: content.guaranteePeriod,
        version: e.version,
        versionChanged: v.changeKind === 'CHANGE',
        versionIssuedOn: e.issuedOn,
        statusLabel: GUARANTEE_STATUS_LABEL[status],
        digest: e.digest,
        issuer: content.issuer,
        portalName: '電子保証ポータル',
        verifyUrl: e.digest ? verifyUrl(e.digest) : null,
      })),
    );
  }
  lazy(zip, `${e.folder}/content.json`, async () => canonicalJson(content));
  if (e.digest) {
    const digest = e.digest;
    lazy(zip, `${e.folder}/digest.txt`, async () => digest);
    lazy(zip, `${e.folder}/digest.bin`, async () => Buffer.from(digest, 'hex'));
  }
  if (e.signature) {
    const signature = e.signature;
    lazy(zip, `${e.folder}/signature.txt`, async () => signature);
    lazy(zip, `${e.folder}/sig.bin`, async () => Buffer.from(signature, 'base64'));
  }
  const pem = e.keyId ? keyPems.get(e.keyId) : undefined;
  // The last entry of the version: once the ZIP reaches it, the version counts as written.
  lazy(zip, `${e.folder}/key.pem`, async () => pem ?? '', onDone);
}

/** The entry with the manifest's note when its key is not among the published ones. */
function withNote(v: PackVersion, keyPems: ReadonlyMap<string, string>): PackEntry {
  const e = v.entry;
  if (e.keyId && !keyPems.has(e.keyId)) return { ...e, note: UNKNOWN_KEY };
  if (!e.digest || !e.signature) return { ...e, note: UNSIGNED };
  return e;
}

const UNKNOWN_KEY = '署名した鍵が公開鍵の一覧にありません（保証会社へお問い合わせください）';
const UNSIGNED = 'ダイジェストまたは署名のない版です';

/** An async generator as a Readable the ZIP pulls (the manifests: read again from the database, a batch at a time). */
const pulled = (chunks: AsyncGenerator<string>) => Readable.from((async function* () {
  for await (const text of chunks) yield Buffer.from(text, 'utf8');
})());

export interface BuildOptions {
  now?: () => Date;
  /** Versions per statement (tests make it small). */
  batch?: number;
  /** Bytes per chunk row (tests make it small). */
  chunkBytes?: number;
  /** True once the process has begun to stop: the build gives the pack back (its lease is cleared). */
  stopped?: () => boolean;
  /** How often the lease is renewed on the timer (tests make it small). */
  renewMs?: number;
}

export class BuildStopped extends Error {}

/**
 * Builds the claimed pack into its chunks and marks it DONE (size, SHA-256, expiresAt), or FAILED with
 * the reason. A stop gives the pack back to the queue (QUEUED, lease cleared): the next claim of any
 * instance starts it over.
 */
export async function buildPack(db: Db, pack: ClaimedPack, options: BuildOptions = {}): Promise<'done' | 'failed' | 'stopped' | 'lost'> {
  const now = options.now ?? (() => new Date());
  const chunkBytes = options.chunkBytes ?? CHUNK_BYTES;
  const stopped = options.stopped ?? (() => false);
  const scope = pack.scope;
  const fence = Prisma.sql`"id" = CAST(${pack.id} AS uuid) AND "attempts" = ${pack.attempt} AND "status" = 'RUNNING'`;

  const total = await countPackVersions(db, scope);
  const [head] = await db.$queryRaw<{ ordererName: string; createdAt: Date }[]>`
    SELECT o."name" AS "ordererName", p."createdAt" FROM "EvidencePack" p JOIN "Organization" o ON o."id" = p."ordererId" WHERE p."id" = CAST(${pack.id} AS uuid)`;
  if (!head) return 'lost';
  if ((await db.$executeRaw`UPDATE "EvidencePack" SET "total" = ${total}, "done" = 0 WHERE ${fence}`) === 0) return 'lost';

  const keys = publishedKeys();
  const keyPems = new Map(keys.map((k) => [k.keyId, k.publicKeyPem]));
  const zip = new ZipFile();
  const mtime = now();
  let done = 0;
  let progressAt = 0;
  let waiting: (() => void) | null = null;
  let queued = 0;
  let failure: unknown = null;
  // A write after the stream was given up (a stop, a lost lease) must not become an unhandled error.
  (zip.outputStream as Readable).on('error', () => undefined);
  zip.on('error', (error: unknown) => {
    failure ??= error;
    waiting?.();
    // yazl stops at a failed entry: end the output so that the chunk writer's loop ends too.
    (zip.outputStream as Readable).destroy();
  });

  // The producer: adds entries a version at a time, never more than WINDOW versions ahead of the output.
  const addAll = async () => {
    const guide = (ids: readonly string[]) =>
      verificationGuide({
        portalName: '電子保証ポータル',
        portalUrl: portalUrl(),
        scopeText: scopeText(scope),
        ordererName: head.ordererName,
        createdAtText: tokyoMinute(head.createdAt),
        total,
        keyIds: ids,
      });
    // The keys that sign the pack's versions: every published one (a version naming another is noted in the manifest).
    for (const k of keys) zip.addBuffer(Buffer.from(k.publicKeyPem, 'utf8'), `keys/${k.keyId}.pem`, { mtime });
    zip.addBuffer(Buffer.from(guide(keys.map((k) => k.keyId)), 'utf8'), GUIDE_FILENAME, { mtime });
    for await (const batch of packVersions(db, scope, options.batch)) {
      for (const v of batch) {
        if (failure) return;
        if (stopped()) throw new BuildStopped();
        while (queued >= WINDOW && !failure) await new Promise<void>((resolve) => (waiting = resolve));
        queued++;
        addVersion(zip, v, withNote(v, keyPems), keyPems, () => {
          queued--;
          done++;
          const w = waiting;
          waiting = null;
          w?.();
        });
      }
    }
    // The manifests, read again a batch at a time (the versions' metadata only, no content kept).
    zip.addReadStreamLazy('manifest.csv', { mtime }, (cb) =>
      cb(null, pulled((async function* () {
        yield manifestCsvText([], { header: true });
        for await (const batch of packVersions(db, scope, options.batch, { withContent: false })) yield manifestCsvText(batch.map((v) => withNote(v, keyPems)), { header: false });
      })())),
    );
    zip.addReadStreamLazy('manifest.json', { mtime }, (cb) =>
      cb(null, pulled((async function* () {
        yield manifestJson.open({ scope: scopeText(scope), orderer: head.ordererName, createdAt: head.createdAt.toISOString(), total, signatureAlgorithm: 'Ed25519', digestAlgorithm: 'SHA-256', signedMessage: 'digest.bin: the 32 bytes of the SHA-256 digest of content.json' });
        let first = true;
        for await (const batch of packVersions(db, scope, options.batch, { withContent: false })) {
          for (const v of batch) {
            yield manifestJson.entry(withNote(v, keyPems), first);
            first = false;
          }
        }
        yield manifestJson.close();
      })())),
    );
    zip.end();
  };

  // The consumer: the ZIP's bytes into chunk rows, each INSERT awaited before more is read.
  const hash = createHash('sha256');
  let size = 0;
  let seq = 0;
  const writeChunk = async (data: Buffer) => {
    const written = await db.$executeRaw`
      INSERT INTO "EvidencePackChunk" ("packId", "seq", "data")
      SELECT CAST(${pack.id} AS uuid), ${seq}, ${data} WHERE EXISTS (SELECT 1 FROM "EvidencePack" WHERE ${fence} FOR SHARE)`;
    if (written === 0) throw new LeaseLost();
    seq++;
    await renew(true);
  };
  const renew = async (force: boolean) => {
    const at = now();
    if (!force && at.getTime() - progressAt < PROGRESS_MS) return;
    progressAt = at.getTime();
    const until = new Date(at.getTime() + LEASE_MS);
    const n = await db.$executeRaw`UPDATE "EvidencePack" SET "done" = ${Math.min(done, total)}, "leaseUntil" = CAST(${ts(until)} AS timestamp(3)) WHERE ${fence}`;
    if (n === 0) throw new LeaseLost();
  };
  const consume = async () => {
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    for await (const piece of zip.outputStream as AsyncIterable<Buffer>) {
      if (failure) break;
      // Also while the manifests are written (after zip.end()): a stop is honoured within seconds (057).
      if (stopped()) throw new BuildStopped();
      hash.update(piece);
      size += piece.length;
      pending.push(piece);
      pendingBytes += piece.length;
      if (pendingBytes >= chunkBytes) {
        const data = Buffer.concat(pending);
        pending = [];
        pendingBytes = 0;
        await writeChunk(data);
      }
    }
    if (!failure && pendingBytes > 0) await writeChunk(Buffer.concat(pending));
  };

  // The lease's timer: a renewal refused (the lease lost) fails the build as LeaseLost.
  let renewing: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    renewing = renew(true).catch((error: unknown) => {
      failure ??= error;
      waiting?.();
      (zip.outputStream as Readable).destroy();
    });
  }, options.renewMs ?? RENEW_MS);
  timer.unref?.();

  try {
    await Promise.all([
      addAll().catch((error: unknown) => {
        failure ??= error;
        (zip.outputStream as Readable).destroy();
      }),
      consume().catch((error: unknown) => {
        failure ??= error;
        waiting?.();
      }),
    ]);
    clearInterval(timer);
    await renewing;
    if (failure) throw failure;
  } catch (error) {
    clearInterval(timer);
    await renewing;
    if (error instanceof LeaseLost) return 'lost';
    // The pack's new state and the deletion of its chunks in one transaction, the deletion only while
    // this attempt still holds the pack: a builder that lost its lease never deletes the new owner's chunks.
    const release = (update: Prisma.Sql) =>
      db.$transaction(async (tx) => {
        const rows = await tx.$queryRaw<{ id: string }[]>`${update} WHERE ${fence} RETURNING "id"`;
        if (rows.length === 0) return false;
        await tx.$executeRaw`DELETE FROM "EvidencePackChunk" WHERE "packId" = CAST(${pack.id} AS uuid)`;
        return true;
      });
    if (error instanceof BuildStopped) {
      return (await release(Prisma.sql`UPDATE "EvidencePack" SET "status" = 'QUEUED', "leaseUntil" = NULL, "done" = 0`)) ? 'stopped' : 'lost';
    }
    if (!(error instanceof DrawFailed)) {
      // Anything else (a database error, a dropped connection) may pass: the pack goes back through the
      // attempts after a back-off (claimable once its lease ends, attempts × RETRY_MS from now, so a blip of
      // a few seconds does not burn them all; after MAX_ATTEMPTS it is given up).
      const retryAt = new Date(now().getTime() + pack.attempt * RETRY_MS);
      const held = await release(Prisma.sql`UPDATE "EvidencePack" SET "leaseUntil" = CAST(${ts(retryAt)} AS timestamp(3)), "done" = 0`).catch(() => true);
      if (!held) return 'lost';
      throw error;
    }
    const held = await release(Prisma.sql`
      UPDATE "EvidencePack" SET "status" = 'FAILED', "failure" = ${M.drawFailed(error.number, error.version)}, "finishedAt" = CAST(${ts(now())} AS timestamp(3)), "leaseUntil" = NULL`);
    if (!held) return 'lost';
    throw error;
  }
  const finished = now();
  const expires = new Date(finished.getTime() + retentionPeriods().evidencePackDays * DAY_MS);
  const n = await db.$executeRaw`
    UPDATE "EvidencePack" SET "status" = 'DONE', "done" = ${total}, "sizeBytes" = ${BigInt(size)}, "sha256" = ${hash.digest('hex')},
      "finishedAt" = CAST(${ts(finished)} AS timestamp(3)), "expiresAt" = CAST(${ts(expires)} AS timestamp(3)), "leaseUntil" = NULL
    WHERE ${fence}`;
  return n === 0 ? 'lost' : 'done';
}
