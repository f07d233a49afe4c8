import 'server-only';
import { keySecret } from '@/config/secrets';
import { retiredPublicKeys, signingKey } from '@/config/signing-key';
import { getDbHandle, type DbHandle } from '@/db/client';
import { readMigrations, type Migration } from '@/db/migrate';
import { logger } from '@/lib/log';
import { isStopping } from '@/lib/stop';
import { TIMED_OUT, within } from '@/lib/within';

/**
 * Whether this instance can serve (decision 052, GET /api/ready): the database answers within a bound,
 * every migration in prisma/migrations is applied as written, and the secrets and the signing key load.
 * Each problem is named in plain words for an operator; no message carries a secret's value, a
 * connection string or a driver's text (which could): the full error goes to the log, once per change.
 */

/** What is checked, in the order an operator would look. */
export const READINESS_CHECKS = ['database', 'migrations', 'secrets', 'signing-key'] as const;
export type ReadinessCheck = (typeof READINESS_CHECKS)[number];

export interface ReadinessProblem {
  /** A check, or `stopping`: the instance has begun its orderly stop (decision 057). */
  check: ReadinessCheck | 'stopping';
  message: string;
}

export type Readiness = { ready: true } | { ready: false; problems: ReadinessProblem[] };

export interface ReadinessOptions {
  /** The database to ask (default: the process's own). */
  db?: () => Promise<DbHandle>;
  /** The migrations that must be applied (default: prisma/migrations, read once per process). */
  migrations?: () => Migration[];
  /** How long the database may take to answer (default 2 s). */
  timeoutMs?: number;
  /**
   * How long the query itself may run before the driver gives it up (default 10 s; PostgreSQL, through
   * DbHandle.probe): past the answer's bound a check still holds one of the MAX_WAITING_CHECKS places
   * until its query ends, and a dead TCP connection would never end it.
   */
  queryTimeoutMs?: number;
}

export const DATABASE_TIMEOUT_MS = 2_000;
export const READINESS_QUERY_TIMEOUT_MS = 10_000;
/** Database checks left waiting (a hung database) before a probe stops adding more. */
const MAX_WAITING_CHECKS = 2;

const log = logger('readiness');

let shippedMigrations: Migration[] | undefined;
const defaultMigrations = () => (shippedMigrations ??= readMigrations());

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
}

const APPLIED_SQL = 'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL';

/** Up to five names, then how many more. */
function names(list: string[]): string {
  const shown = list.slice(0, 5).join(', ');
  return list.length > 5 ? `${shown} and ${list.length - 5} more` : shown;
}

function secretProblems(): ReadinessProblem[] {
  const problems: ReadinessProblem[] = [];
  if (!process.env.AUTH_SECRET) problems.push({ check: 'secrets', message: 'AUTH_SECRET is not set: sign-in sessions cannot be signed.' });
  try {
    keySecret();
  } catch (error) {
    // src/config/secrets.ts names the setting and the rule, never the value; anything else (a file that
    // cannot be read) gets a fixed sentence.
    const message = (error as Error).message;
    problems.push({ check: 'secrets', message: message.startsWith('KEY_SECRET') ? message : 'KEY_SECRET could not be loaded.' });
  }
  try {
    signingKey();
  } catch (error) {
    const message = (error as Error).message;
    problems.push({
      check: 'signing-key',
      message: message.startsWith('SIGNING_KEY') ? message : 'SIGNING_KEY could not be read as an Ed25519 private key (PKCS#8 PEM or base64 DER).',
    });
  }
  try {
    retiredPublicKeys();
  } catch (error) {
    const message = (error as Error).message;
    problems.push({
      check: 'signing-key',
      message: message.startsWith('SIGNING_RETIRED_KEYS') ? message : 'SIGNING_RETIRED_KEYS: an entry could not be read as an Ed25519 public key (base64 SPKI DER).',
    });
  }
  return problems;
}

/** What the applied rows lack of the shipped migrations. */
export function migrationProblems(applied: AppliedRow[], shipped: Migration[]): ReadinessProblem[] {
  if (shipped.length === 0) return [{ check: 'migrations', message: 'No migration files were found in prisma/migrations.' }];
  const rows = new Map(applied.map((row) => [row.migration_name, row]));
  const missing = shipped.filter((m) => !rows.has(m.name)).map((m) => m.name);
  const unfinished = shipped.filter((m) => rows.get(m.name)?.finished_at === null).map((m) => m.name);
  const edited = shipped.filter((m) => rows.get(m.name)?.finished_at && rows.get(m.name)?.checksum !== m.checksum).map((m) => m.name);
  const problems: ReadinessProblem[] = [];
  if (missing.length > 0) problems.push({ check: 'migrations', message: `Not applied: ${names(missing)}.` });
  if (unfinished.length > 0) problems.push({ check: 'migrations', message: `Failed half-way and not rolled back: ${names(unfinished)}.` });
  if (edited.length > 0) problems.push({ check: 'migrations', message: `Changed after they were applied (checksum differs): ${names(edited)}.` });
  return problems;
}

let waitingChecks = 0;

async function databaseProblems(options: ReadinessOptions): Promise<{ problems: ReadinessProblem[]; error?: unknown }> {
  const ms = options.timeoutMs ?? DATABASE_TIMEOUT_MS;
  if (waitingChecks >= MAX_WAITING_CHECKS) {
    return { problems: [{ check: 'database', message: 'Earlier checks are still waiting for the database to answer.' }] };
  }
  waitingChecks += 1;
  const query = (async () => {
    const handle = await (options.db ?? getDbHandle)();
    if (handle.probe) return handle.probe<AppliedRow>(APPLIED_SQL, options.queryTimeoutMs ?? READINESS_QUERY_TIMEOUT_MS);
    return handle.prisma.$queryRawUnsafe<AppliedRow[]>(APPLIED_SQL);
  })().finally(() => {
    waitingChecks -= 1;
  });
  let rows: AppliedRow[] | typeof TIMED_OUT;
  try {
    rows = await within(query, ms);
  } catch (error) {
    const text = error instanceof Error ? error.message : '';
    if (/_prisma_migrations/.test(text) && /does not exist/i.test(text)) {
      return { problems: [{ check: 'migrations', message: 'No migration has been applied (the table _prisma_migrations is missing).' }], error };
    }
    return { problems: [{ check: 'database', message: 'The database could not be reached, or it refused the query.' }], error };
  }
  if (rows === TIMED_OUT) {
    return { problems: [{ check: 'database', message: `The database did not answer within ${ms / 1000} s.` }] };
  }
  return { problems: migrationProblems(rows, (options.migrations ?? defaultMigrations)()) };
}

let lastAnswer: string | undefined;

/** Logs a change of answer once (a probe every few seconds would otherwise repeat it). */
function logChange(readiness: Readiness, error: unknown): void {
  const answer = JSON.stringify(readiness);
  if (answer === lastAnswer) return;
  lastAnswer = answer;
  if (readiness.ready) log.info('ready');
  else log.warn('not ready', { problems: readiness.problems.map((p) => `${p.check}: ${p.message}`).join(' / ') });
  if (error !== undefined) log.error('readiness: the database check failed', error);
}

/** The answer of an instance that has begun to stop: a load balancer sends it nothing new. */
export const STOPPING_PROBLEM: ReadinessProblem = {
  check: 'stopping',
  message: 'This instance is stopping (SIGTERM or SIGINT): it finishes the requests in flight and takes no new ones.',
};

export async function readiness(options: ReadinessOptions = {}): Promise<Readiness> {
  // First and alone: the database may already be closing, and nothing else matters to a balancer now.
  if (isStopping()) {
    const result: Readiness = { ready: false, problems: [STOPPING_PROBLEM] };
    logChange(result, undefined);
    return result;
  }
  const secrets = secretProblems();
  const database = await databaseProblems(options);
  const problems = [...database.problems, ...secrets];
  const result: Readiness = problems.length === 0 ? { ready: true } : { ready: false, problems };
  logChange(result, database.error);
  return result;
}

/** How long GET /api/ready reuses an answer. */
export const READINESS_CACHE_MS = 1_000;

let shared: { answer: Promise<Readiness>; settledAt?: number } | undefined;

/**
 * What GET /api/ready answers: one check at a time for every probe of the process (concurrent probes
 * share the one in flight), and its answer reused for READINESS_CACHE_MS after it came, so a flood of
 * probes costs the database one query a second at most. Stopping is answered at once, never from the
 * cache.
 */
export function sharedReadiness(): Promise<Readiness> {
  if (isStopping()) return readiness();
  if (shared && (shared.settledAt === undefined || Date.now() - shared.settledAt < READINESS_CACHE_MS)) return shared.answer;
  const entry: NonNullable<typeof shared> = {
    answer: readiness().then(
      (result) => {
        entry.settledAt = Date.now();
        return result;
      },
      (error: unknown) => {
        if (shared === entry) shared = undefined;
        throw error;
      },
    ),
  };
  shared = entry;
  return entry.answer;
}

/** Forgets the shared answer (tests that change what the next probe must see). */
export function forgetSharedReadiness(): void {
  shared = undefined;
}
