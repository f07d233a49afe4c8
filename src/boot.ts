import 'server-only';
import { addressBudgetDefaults } from '@/config/budgets';
import { retentionPeriods } from '@/config/retention';
import { keySecret } from '@/config/secrets';
import { getDbHandle } from '@/db/client';
import { underStartLock } from '@/db/start-lock';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@/demo/accounts';
import { seedDemo } from '@/demo/seed';
import { ROLE_LABEL } from '@/domain/labels';
import { startEvidencePackBuilder, stopEvidencePackBuilder } from '@/jobs/evidence-pack-builder';
import { startLockNoticeSweep, stopLockNoticeSweep } from '@/jobs/lock-notice-sweep';
import { startPeriodEndingSweep, stopPeriodEndingSweep } from '@/jobs/period-ending-sweep';
import { retentionFirstTickMs, startRetentionSweep, stopRetentionSweep } from '@/jobs/retention-sweep';
import { logger, printForPerson } from '@/lib/log';
import { onStop } from '@/lib/stop';
import { startMailWorker, stopMailWorker } from '@/mail/worker';

const log = logger('portal');

/** The demo accounts for the person who ran `npm start` (README): text, not log lines (decision 053). */
function demoAccountsText(): string {
  const lines = [`\n[portal] demo accounts (password for all: ${DEMO_PASSWORD})`];
  for (const a of DEMO_ACCOUNTS) {
    const dept = 'department' in a ? ` ${a.department}` : '';
    lines.push(`  ${a.loginId.padEnd(10)} ${ROLE_LABEL[a.role].padEnd(4, '　')} ${a.organization}${dept} — ${a.name}`);
  }
  return `${lines.join('\n')}\n`;
}

export async function boot(): Promise<void> {
  try {
    keySecret(); // a missing or short KEY_SECRET stops the start, not the first conclusion
    addressBudgetDefaults(); // so does a malformed address budget, not the first sign-in
    retentionPeriods(); // and a retention period that is malformed or below its floor, before any sweep
    retentionFirstTickMs(); // and a malformed RETENTION_FIRST_TICK_SECONDS
  } catch (error) {
    log.error('cannot start', error);
    process.exit(1);
  }
  let handle;
  try {
    handle = await getDbHandle();
  } catch (error) {
    log.error('データベースを開けませんでした / cannot open the database', error);
    process.exit(1);
  }
  // Demo data only where asked for (npm start sets DEMO_DATA=1): never into a production database.
  if (process.env.DEMO_DATA === '1') {
    // Under the migrations' lock: instances starting together on an empty database seed it once.
    const seeded = await underStartLock(handle, () => seedDemo(handle.prisma));
    if (seeded) log.info('demo data created');
    printForPerson(demoAccountsText());
  }
  log.info('database open', { database: handle.kind === 'pglite' ? 'PGlite (embedded)' : 'PostgreSQL' });
  if (process.env.SMTP_URL) startMailWorker(async () => (await getDbHandle()).prisma); // else mail stays in the outbox
  // 保証期間満了 notices to the orderers: now and hourly, SMTP or not (they only fill the outbox).
  startPeriodEndingSweep(async () => (await getDbHandle()).prisma);
  // Lookup locks' notices a stop or a crash left owed (decision 060): now and every minute.
  startLockNoticeSweep(async () => (await getDbHandle()).prisma);
  // Rows past their retention period (decision 054): once a day across every instance.
  startRetentionSweep(async () => (await getDbHandle()).prisma, { firstTickMs: retentionFirstTickMs() });
  // Evidence packs the orderers asked for (decision 074): claimed one at a time across instances.
  startEvidencePackBuilder(async () => (await getDbHandle()).prisma);
  // An orderly stop (scripts/server/shutdown.mjs, decision 057): the jobs finish what they are doing
  // beside the requests in flight, then the database closes.
  onStop('jobs', 'mail worker', stopMailWorker);
  onStop('jobs', 'period-ending sweep', stopPeriodEndingSweep);
  onStop('jobs', 'lock-notice sweep', stopLockNoticeSweep);
  onStop('jobs', 'retention sweep', stopRetentionSweep);
  onStop('jobs', 'evidence pack builder', stopEvidencePackBuilder);
  const open = handle;
  onStop('database', 'database', () => open.close());
}
