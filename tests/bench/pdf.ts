// `npm run bench` (second part): the PDF layer in one fresh process — the first document (font files
// read and parsed, then one key notice), then warm documents per second over BENCH_PDF_N renders
// (default 200), bytes per key notice and the process's RSS before and after, beside the targets.
// The documents are the PDF tests' samples (tests/support/pdf-samples.ts), another number, 工事名 and
// moment each time.
//
//   npx tsx --tsconfig tsconfig.json --conditions=react-server tests/bench/pdf.ts
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadJapaneseFonts } from '@/pdf/font';
import { renderKeyNoticePdf, type KeyNoticeData } from '@/pdf/key-notice';
import { renderPremiumCalculationPdf, type PremiumStatementData } from '@/pdf/premium-statement';
import { renderVerificationRecordPdf, type VerificationRecordData } from '@/pdf/verification-record';
import { pageCount, pdfText, squeeze } from '../support/pdf';
import * as sample from '../support/pdf-samples';

const N = Number(process.env.BENCH_PDF_N ?? 200);
const TARGET = { bytes: 100 * 1024, perSecond: 20 };

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** The i-th notice: another number, key and 工事名 each time, so no two documents are alike. */
function notice(i: number): KeyNoticeData {
  const number = String(2070004426 + i * 10);
  let key = '';
  for (let k = 0; k < 10; k++) key += ALPHABET[(i * 7 + k * 13) % ALPHABET.length];
  return {
    ...sample.notice,
    kindLabel: i % 3 === 0 ? '契約保証' : '前払金保証',
    number,
    key,
    projectName: `〇〇市道${i + 1}号線道路改良工事（第${(i % 5) + 1}工区）`,
    ordererName: '大村市長',
    lookupUrl: `https://portal.example.jp/orderer/lookup?number=${number}`,
    issuedAt: new Date(Date.UTC(2026, 3, 1, 1, 0, i)),
    verification: null,
  };
}

function statement(i: number): PremiumStatementData {
  return {
    ...sample.statement,
    number: String(2070004426 + i * 10),
    projectName: `〇〇市道${i + 1}号線道路改良工事`,
    ordererName: '大村市長',
    createdAt: new Date(Date.UTC(2026, 3, 1, 1, 0, i)),
  };
}

/** The i-th 確認記録: another confirmation, moment, number, 工事名 and digest each time. */
function record(i: number): VerificationRecordData {
  const hex = (n: number, length: number) => (n >>> 0).toString(16).padStart(length, '0').slice(-length);
  return {
    ...sample.record,
    confirmationId: `${hex(0x3f2a9c1b + i, 8)}-0d4e-4c1a-9b7e-${hex(i * 2654435761, 12)}`,
    checkedAt: new Date(Date.UTC(2026, 10, 25, 5, 5, i)),
    checker: { ...sample.record.checker, department: i % 2 === 0 ? '建設部 土木課' : null },
    number: String(2070004426 + i * 10),
    projectName: `〇〇市道${i + 1}号線道路改良工事`,
    version: (i % 2) + 1,
    versionChanged: i % 2 === 1,
    digest: createHash('sha256').update(`certificate ${i}`).digest('hex'),
    verifyUrl: null,
  };
}

/** What a reader gets from the document (poppler, as in the PDF tests): a bench of unreadable files measures nothing. */
function readBack(bytes: Uint8Array, number: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pdf-bench-'));
  try {
    const file = path.join(dir, 'notice.pdf');
    writeFileSync(file, bytes);
    const pages = pageCount(file);
    const found = squeeze(pdfText(file)).includes(number);
    return `${pages} page(s), number ${found ? 'found' : 'NOT FOUND'} by pdftotext: ${verdict(pages === 1 && found)}`;
  } catch (error) {
    return `not checked (${(error as Error).message.split('\n')[0]})`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;
const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

async function warm(label: string, render: (i: number) => Promise<Uint8Array>) {
  const times: number[] = [];
  let bytes = 0;
  const start = performance.now();
  for (let i = 1; i <= N; i++) {
    const t = performance.now();
    bytes += (await render(i)).length;
    times.push(performance.now() - t);
  }
  const seconds = (performance.now() - start) / 1000;
  times.sort((a, b) => a - b);
  const perSecond = N / seconds;
  console.log(
    `${label.padEnd(19)} ${N} in ${seconds.toFixed(2)} s: ${perSecond.toFixed(1)} documents/s ` +
      `(target ≥ ${TARGET.perSecond}/s: ${verdict(perSecond >= TARGET.perSecond)}), median ${ms(percentile(times, 0.5))}, ` +
      `p95 ${ms(percentile(times, 0.95))}, mean size ${(bytes / N / 1024).toFixed(1)} KB`,
  );
  return { perSecond, meanBytes: bytes / N };
}

async function main() {
  const rssBefore = process.memoryUsage().rss;
  console.log(`PDF bench (Node ${process.version}, ${N} warm renders each)`);

  const t0 = performance.now();
  loadJapaneseFonts();
  const t1 = performance.now();
  const first = await renderKeyNoticePdf(notice(0));
  const t2 = performance.now();
  console.log(`first document      ${ms(t2 - t0)} (font files read and parsed ${ms(t1 - t0)}, first render ${ms(t2 - t1)})`);
  console.log(
    `key notice size     ${(first.length / 1024).toFixed(1)} KB (${first.length} bytes; target ≤ ${TARGET.bytes / 1024} KB: ${verdict(first.length <= TARGET.bytes)})`,
  );
  const rssAfterFirst = process.memoryUsage().rss;
  console.log(`key notice read     ${readBack(first, notice(0).number)}`);

  const notices = await warm('key notices', (i) => renderKeyNoticePdf(notice(i)));
  await warm('premium statements', (i) => renderPremiumCalculationPdf(statement(i)));
  await warm('verification recs', (i) => renderVerificationRecordPdf(record(i)));
  const rssAfter = process.memoryUsage().rss;
  console.log(`RSS                 before ${mb(rssBefore)}, after the first document ${mb(rssAfterFirst)}, after ${3 * N} more ${mb(rssAfter)}`);
  console.log(
    `summary             key notice ${(notices.meanBytes / 1024).toFixed(1)} KB (≤ 100 KB: ${verdict(notices.meanBytes <= TARGET.bytes)}), ` +
      `${notices.perSecond.toFixed(1)}/s (≥ 20/s: ${verdict(notices.perSecond >= TARGET.perSecond)})`,
  );
}

await main();
