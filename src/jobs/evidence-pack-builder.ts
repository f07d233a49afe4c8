import 'server-only';
import type { Db } from '@/db/client';
import { buildPack, claimNextPack, DrawFailed } from '@/domain/evidence-packs/build-pack';
import { logger } from '@/lib/log';
import { periodicJob } from './periodic';

const log = logger('evidence-pack');

/**
 * Builds the evidence packs the orderers' staff asked for (decision 074), in the server process: every
 * instance ticks every few seconds and claims the oldest pack waiting (or one whose instance died: its
 * lease ran out), one at a time, with FOR UPDATE SKIP LOCKED, so a pack is built once across instances
 * and survives a restart. A stop gives the pack in hand back to the queue after the chunk in hand; a
 * version that cannot be drawn marks the pack 作成できませんでした (naming it), any other error (the
 * database's) ends the attempt, and the tick, for a later claim to take again after a back-off (given up
 * after MAX_ATTEMPTS); both are logged, never thrown. The timer never keeps the process
 * alive.
 */
const TICK_MS = 3_000;

/**
 * One tick: claims and builds packs until none is waiting or a stop. An error other than a version that
 * cannot be drawn (the database's) ends the tick too: its pack waits out its back-off (RETRY_MS), and the
 * next pack is not claimed into the same blip.
 */
export async function buildWaitingPacks(db: Db, stopped: () => boolean): Promise<void> {
  while (!stopped()) {
    const pack = await claimNextPack(db);
    if (!pack) return;
    const started = Date.now();
    try {
      const outcome = await buildPack(db, pack, { stopped });
      log.info('evidence pack', { pack: pack.id, attempt: pack.attempt, outcome, ms: Date.now() - started });
    } catch (error) {
      log.error('evidence pack failed', error);
      if (!(error instanceof DrawFailed)) return;
    }
  }
}

const job = periodicJob('__portalEvidencePackBuilder', async (getDb, stopped) => {
  try {
    await buildWaitingPacks(await getDb(), stopped);
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
