import 'server-only';
import { addressBudgetDefaults } from '@/config/budgets';
import { retentionPeriods } from '@/config/retention';
import { keySecret } from '@/config/secrets';
import { getDbHandle } from '@/db/client';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@/demo/accounts';
import { seedDemo } from '@/demo/seed';
import { ROLE_LABEL } from '@/domain/labels';
import { startPeriodEndingSweep } from '@/jobs/period-ending-sweep';
import { startRetentionSweep } from '@/jobs/retention-sweep';
import { logger, printForPerson } from '@/lib/log';
import { startMailWorker } from '@/mail/worker';

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
    const seeded = await seedDemo(handle.prisma);
    if (seeded) log.info('demo data created');
    printForPerson(demoAccountsText());
  }
  log.info('database open', { database: handle.kind === 'pglite' ? 'PGlite (embedded)' : 'PostgreSQL' });
  if (process.env.SMTP_URL) startMailWorker(async () => (await getDbHandle()).prisma); // else mail stays in the outbox
  // 保証期間満了 notices to the orderers: now and hourly, SMTP or not (they only fill the outbox).
  startPeriodEndingSweep(async () => (await getDbHandle()).prisma);
  // Rows past their retention period (decision 054): once a day across every instance.
  startRetentionSweep(async () => (await getDbHandle()).prisma);
}
