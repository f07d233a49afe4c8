import 'server-only';
import type { Db } from '@/db/client';
import { buildPack, claimNextPack } from '@/domain/evidence-packs/build-pack';
import { logger } from '@/lib/log';
import { periodicJob } from './periodic';

const log = logger('evidence-pack');

/**
 * Builds the evidence packs the orderers' staff asked for (decision 074), in the server process: every
 * instance ticks every few seconds and claims the oldest pack waiting (or one whose instance died: its
 * lease ran out), one at a time, with FOR UPDATE SKIP LOCKED, so a pack is built once across instances
 * and survives a restart. A stop gives the pack in hand back to the queue after the chunk in hand; a
 * version that cannot be drawn marks the pack 作成できませんでした (naming it), any other error (the
 * database's) ends the attempt for the next claim to take again (given up after MAX_ATTEMPTS); both are
 * logged, never thrown. The timer never keeps the process
 * alive.
 */
const TICK_MS = 3_000;

const job = periodicJob('__portalEvidencePackBuilder', async (getDb, stopped) => {
  try {
    const db = await getDb();
    while (!stopped()) {
      const pack = await claimNextPack(db);
      if (!pack) return;
      const started = Date.now();
      try {
        const outcome = await buildPack(db, pack, { stopped });
        log.info('evidence pack', { pack: pack.id, attempt: pack.attempt, outcome, ms: Date.now() - started });
      } catch (error) {
        log.error('evidence pack failed', error);
      }
    }
  } catch (error) {
    log.error('evidence pack builder failed', error);
  }
});

/** Starts the tick (idempotent): a first run after `firstMs`, then every `everyMs`. */
export function startEvidencePackBuilder(getDb: () => Promise<Db>, options: { firstMs?: number; everyMs?: number } = {}): void {
  job.start(getDb, { firstMs: options.firstMs ?? TICK_MS, everyMs: options.everyMs ?? TICK_MS });
}

/** Stops the tick and waits for the build in hand to give its pack back (tests; an orderly shutdown). */
export const stopEvidencePackBuilder = (): Promise<void> => job.stop();
