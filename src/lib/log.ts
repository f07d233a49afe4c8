/**
 * The project's logger (decisions 044, 053): pino behind three calls. Each writes one JSON line on
 * stdout — time, level, pid, hostname, module, msg, plain fields — through the process's one pino
 * logger (scripts/server/log.mjs, shared with the front). An Error is written once, under `err`, with
 * its type, its message (its causes' appended) and its stack. Never pass a password, a 認証キー, a
 * token, a cookie or a secret: fields named like one are redacted and messages scrubbed, as a belt only.
 */
import { moduleLogger, printNotice } from '../../scripts/server/log.mjs';

export type LogFields = Record<string, string | number | boolean | null | undefined>;

/** A logger named after its module (`auth`, `period-ending`, …). */
export function logger(module: string) {
  const log = moduleLogger(module);
  return {
    info: (msg: string, fields?: LogFields) => log.info(fields ?? {}, msg),
    warn: (msg: string, fields?: LogFields) => log.warn(fields ?? {}, msg),
    error: (msg: string, error?: unknown, fields?: LogFields) => log.error(error === undefined ? (fields ?? {}) : { ...fields, err: error }, msg),
  };
}

/**
 * Text for the person who started the portal, not a log line: written as it is to stderr, outside the
 * JSON lines of stdout. Only the demo accounts printed at `npm start` (src/boot.ts) go through it.
 */
export const printForPerson = printNotice;
