// The portal's log (decisions 044, 053): one pino logger per process, shared by the front
// (./serve.mjs, ./front.mjs, loaded by node) and the app (src/lib/log.ts, bundled by Next), through
// globalThis: the same options, the same destination, whichever side asks first.
//   - JSON lines on stdout: time (ISO), level (its name), pid, hostname, module, msg, fields; an error
//     under `err` with its type, message and stack (its causes' appended), once.
//   - Readable lines (pino-pretty) only with LOG_FORMAT=pretty, or under NODE_ENV=development unless
//     LOG_FORMAT=json. The production path never loads pino-pretty.
//   - LOG_LEVEL: pino's levels (info by default).
//   - Never a secret: fields named like one are replaced by "[redacted]" (REDACT_PATHS), and messages,
//     error messages and stacks lose what looks like one (scrub): URL credentials, API tokens, bearer
//     tokens, session cookies. A belt: callers pass ids and counts, never a password, a 認証キー, a
//     token, a cookie or a secret.
// Text for the person who started the portal (the demo accounts) is not a log line: printNotice
// writes it to stderr as it is, so that stdout stays JSON lines only.
import { createRequire } from 'node:module';
import path from 'node:path';
import util from 'node:util';
import pino from 'pino';

/** Field names that carry a secret, wherever they appear in a line (top level or one level down). */
export const SECRET_FIELDS = [
  'password',
  'newPassword',
  'currentPassword',
  'authKey',
  'key',
  'token',
  'apiToken',
  'authorization',
  'cookie',
  'set-cookie',
  'secret',
  'smtpUrl',
  'pass',
];

export const REDACT_PATHS = SECRET_FIELDS.flatMap((name) => {
  const at = /^[A-Za-z_$][\w$]*$/.test(name) ? name : `["${name}"]`;
  return [at, at.startsWith('[') ? `*${at}` : `*.${at}`];
});

export const REDACTED = '[redacted]';

const SCRUBS = [
  // scheme://user:password@host → scheme://[redacted]@host (an SMTP_URL or DATABASE_URL in an error)
  [/([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]*:[^\s/@]*@/gi, `$1${REDACTED}@`],
  // The JSON API's tokens (decision 035).
  [/dhp_[A-Za-z0-9_-]{8,}/g, `dhp_${REDACTED}`],
  [/(Bearer\s+)[^\s"',;]+/gi, `$1${REDACTED}`],
  // next-auth's session and CSRF cookies, in a Cookie header written into a message.
  [/((?:__Secure-|__Host-)?authjs\.[\w.-]+=)[^;\s"']+/g, `$1${REDACTED}`],
];

/** `text` without what looks like a secret (see SCRUBS); anything else is returned as it is. */
export function scrub(text) {
  if (typeof text !== 'string') return text;
  let out = text;
  for (const [pattern, replacement] of SCRUBS) out = out.replace(pattern, replacement);
  return out;
}

function errSerializer(error) {
  const serialized = pino.stdSerializers.err(error);
  if (!serialized || typeof serialized !== 'object') return serialized;
  serialized.message = scrub(serialized.message);
  serialized.stack = scrub(serialized.stack);
  return serialized;
}

/** Pretty when asked (LOG_FORMAT=pretty), or in development unless LOG_FORMAT=json. */
export function wantsPretty(env = process.env) {
  if (env.LOG_FORMAT === 'pretty') return true;
  if (env.LOG_FORMAT === 'json') return false;
  return env.NODE_ENV === 'development';
}

/** The logger's options (exported for the tests). */
export function logOptions(env = process.env) {
  return {
    level: env.LOG_LEVEL || 'info',
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    serializers: { err: errSerializer },
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    hooks: {
      // The message (and any further format arguments) scrubbed like the fields.
      logMethod(args, method) {
        return method.apply(
          this,
          args.map((arg) => scrub(arg)),
        );
      },
    },
  };
}

/**
 * A new logger writing to `destination` (process.stdout by default: its write is looked up per line,
 * which lets tests watch it). Pretty output loads pino-pretty only then, from the project's
 * node_modules (not through the bundle: the production path must not need it).
 */
export function createLogger({ destination = process.stdout, env = process.env } = {}) {
  if (wantsPretty(env)) {
    try {
      const require = createRequire(path.join(process.cwd(), 'package.json'));
      const prettify = require('pino-pretty').prettyFactory({ translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', colorize: Boolean(process.stdout.isTTY) });
      return pino(logOptions(env), { write: (line) => destination.write(prettify(line)) });
    } catch (error) {
      const fallback = pino(logOptions(env), destination);
      fallback.warn({ module: 'log', err: error }, 'pino-pretty could not be loaded: writing JSON lines');
      return fallback;
    }
  }
  return pino(logOptions(env), destination);
}

const ROOT = Symbol.for('portal.logger');

/** The process's logger: made on first use, shared by the front and the app. */
export function rootLogger() {
  globalThis[ROOT] ??= createLogger();
  return globalThis[ROOT];
}

/** A child logger for `module` (`http`, `auth`, `mail`, …). */
export function moduleLogger(module) {
  return rootLogger().child({ module });
}

/**
 * Text for the person who started the portal, not a log line: written to stderr as it is (stdout
 * stays JSON lines). Its one use is the demo accounts listed at `npm start` (src/boot.ts), which the
 * README promises; nothing secret but the demo password, which the README publishes, goes through it.
 */
export function printNotice(text) {
  process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
}

const CONSOLE_LEVELS = { log: 'info', info: 'info', debug: 'debug', warn: 'warn', error: 'error' };

/**
 * Routes the console of this process (Next's own messages, a library's) into the log as module
 * `console`: one JSON line per call, an Error argument under `err` with its stack. Our own code
 * never calls console (lint); this catches what others print, so that stdout stays JSON lines.
 */
export function routeConsole(log = moduleLogger('console')) {
  for (const [method, level] of Object.entries(CONSOLE_LEVELS)) {
    console[method] = (...args) => {
      const err = args.find((arg) => arg instanceof Error);
      const rest = args.filter((arg) => arg !== err);
      const text = util.stripVTControlCharacters(rest.length > 0 ? util.format(...rest) : (err?.message ?? ''));
      if (err) log[level]({ err }, text);
      else log[level](text);
    };
  }
}
