// The portal's log (decisions 044, 053): one pino logger per process, shared by the front
// (./serve.mjs, ./front.mjs, loaded by node) and the app (src/lib/log.ts, bundled by Next), through
// globalThis: the same options, the same destination, whichever side asks first.
//   - JSON lines on stdout: time (ISO), level (its name), pid, hostname, module, msg, fields; an error
//     under `err` with its type, message and stack (its causes' appended), once.
//   - Readable lines (pino-pretty) only with LOG_FORMAT=pretty, or under NODE_ENV=development unless
//     LOG_FORMAT=json. The production path never loads pino-pretty.
//   - LOG_LEVEL: pino's levels (info by default); another value is refused (parseLevel), and serve.mjs
//     stops with one line saying so.
//   - Never a secret: fields named like one are replaced by "[redacted]" at any depth (SECRET_FIELDS),
//     and every string — the message, a field's value at any depth, an error's message and stack — loses
//     what looks like one (scrub): URL credentials, API tokens, bearer tokens, session cookies. An error
//     keeps only its type, message, stack and code (its causes' message and stack appended). A belt: callers pass ids and counts, never a password, a 認証キー, a
//     token, a cookie or a secret.
// Text for the person who started the portal (the demo accounts) is not a log line: printNotice
// writes it to stderr as it is, so that stdout stays JSON lines only.
import { createRequire } from 'node:module';
import path from 'node:path';
import util from 'node:util';
import pino from 'pino';

/**
 * Field names that carry a secret, at any depth of a line (an error's own fields included): compared
 * without case, `-` or `_` (`Set-Cookie`, `set_cookie` and `setCookie` alike).
 */
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
  'connectionString',
  'databaseUrl',
];

const fieldName = (name) => name.toLowerCase().replace(/[-_]/g, '');
const SECRET_NAMES = new Set(SECRET_FIELDS.map(fieldName));

/** Whether a field of this name is replaced by REDACTED, wherever it is. */
export const isSecretField = (name) => SECRET_NAMES.has(fieldName(name));

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

/**
 * An error as a line shows it: its type, message and stack (its causes' appended, as pino writes them)
 * and its code, scrubbed; nothing else of it (a driver's error carries its config, a connection
 * string, the query's parameters).
 */
function errSerializer(error) {
  const serialized = pino.stdSerializers.err(error);
  if (!serialized || typeof serialized !== 'object') return clean(serialized);
  const out = { type: scrub(serialized.type), message: scrub(serialized.message), stack: scrub(serialized.stack) };
  if (typeof serialized.code === 'string' || typeof serialized.code === 'number') out.code = scrub(serialized.code);
  return out;
}

const MAX_DEPTH = 10;

/**
 * `value` as it may be written: strings scrubbed, fields named like a secret replaced by REDACTED, at
 * any depth; an Error anywhere as errSerializer writes it; a value with toJSON (a Date, a URL) by
 * what it gives. Past MAX_DEPTH, or round a cycle, a marker instead.
 */
function clean(value, depth = 0, parents = new Set()) {
  if (typeof value === 'string') return scrub(value);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return errSerializer(value);
  if (parents.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[too deep]';
  if (typeof value.toJSON === 'function') {
    const json = value.toJSON();
    return json === value ? json : clean(json, depth + 1, parents);
  }
  parents.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => clean(item, depth + 1, parents));
    const out = {};
    for (const [name, item] of Object.entries(value)) out[name] = isSecretField(name) ? REDACTED : clean(item, depth + 1, parents);
    return out;
  } finally {
    parents.delete(value);
  }
}

/** A line's fields (and a child's bindings: see withCleanChildren), cleaned; `err` is left to its serializer, which cleans it. */
function cleanFields(object) {
  const out = {};
  for (const [name, value] of Object.entries(object)) {
    if (name === 'err') out[name] = value;
    else out[name] = isSecretField(name) ? REDACTED : clean(value, 1);
  }
  return out;
}

/** Pretty when asked (LOG_FORMAT=pretty), or in development unless LOG_FORMAT=json. */
export function wantsPretty(env = process.env) {
  if (env.LOG_FORMAT === 'pretty') return true;
  if (env.LOG_FORMAT === 'json') return false;
  return env.NODE_ENV === 'development';
}

const LEVELS = [...Object.keys(pino.levels.values), 'silent'];

/** LOG_LEVEL as pino takes it (info when unset); another value is refused with a one-line message. */
export function parseLevel(value) {
  const level = (value ?? '').trim().toLowerCase();
  if (level === '') return 'info';
  if (!LEVELS.includes(level)) throw new Error(`LOG_LEVEL must be one of ${LEVELS.join(', ')}, not "${value}"`);
  return level;
}

/** The logger's options (exported for the tests); throws on a LOG_LEVEL pino does not know (parseLevel). */
export function logOptions(env = process.env) {
  return {
    level: parseLevel(env.LOG_LEVEL),
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }), log: cleanFields },
    serializers: { err: errSerializer },
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
export function createLogger(options = {}) {
  return withCleanChildren(makeLogger(options));
}

/** `logger` whose children's bindings are cleaned like a line's fields (pino's formatters.bindings skips them). */
function withCleanChildren(logger) {
  const child = logger.child;
  // Children inherit from their parent: the one override serves every generation.
  logger.child = function cleanChild(bindings, options) {
    return child.call(this, bindings && typeof bindings === 'object' ? cleanFields(bindings) : bindings, options);
  };
  return logger;
}

function makeLogger({ destination = process.stdout, env = process.env } = {}) {
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
