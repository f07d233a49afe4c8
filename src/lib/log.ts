/**
 * The project's logger (decision 044): one JSON line per event on stdout (info) or stderr (warn,
 * error), with the time, the level, the module, a message and plain fields. An Error is written once
 * with its name, message and stack. Never pass a password, a 認証キー, a token, a cookie or a secret:
 * fields are written as given. Issue 15 puts pino behind these same calls.
 */
type Level = 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | null | undefined>;

function errorFields(error: unknown): LogFields {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? error.cause.message : undefined;
    return { error: error.name, errorMessage: error.message, cause, stack: error.stack };
  }
  return { errorMessage: String(error) };
}

function write(level: Level, module: string, msg: string, fields: LogFields = {}, error?: unknown) {
  const line = JSON.stringify({ time: new Date().toISOString(), level, module, msg, ...fields, ...(error === undefined ? {} : errorFields(error)) });
  (level === 'info' ? process.stdout : process.stderr).write(`${line}\n`);
}

/** A logger named after its module (`auth`, `period-ending`, …). */
export function logger(module: string) {
  return {
    info: (msg: string, fields?: LogFields) => write('info', module, msg, fields),
    warn: (msg: string, fields?: LogFields) => write('warn', module, msg, fields),
    error: (msg: string, error?: unknown, fields?: LogFields) => write('error', module, msg, fields, error),
  };
}
