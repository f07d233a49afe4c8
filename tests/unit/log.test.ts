import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { logger } from '@/lib/log';
import { createLogger, logOptions, parseLevel, REDACTED, routeConsole, scrub, wantsPretty } from '../../scripts/server/log.mjs';

afterEach(() => vi.restoreAllMocks());

/** A logger writing into an array, with the production options. */
function capture(env: NodeJS.ProcessEnv = { NODE_ENV: 'production' }) {
  const lines: string[] = [];
  const log = createLogger({ destination: { write: (line: string) => lines.push(line) }, env });
  return { log, lines, parsed: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

it('writes one JSON line on stdout per call; an error once, under err, with its type, message, cause and stack', () => {
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const log = logger('period-ending');
  log.info('period-ending notices', { sent: 2, mails: 3, failed: 0 });
  log.error('notice failed', new Error('outer', { cause: new Error('inner') }), { guaranteeId: 'g1' });
  expect(err).not.toHaveBeenCalled();
  expect(out).toHaveBeenCalledTimes(2);
  const [info, error] = out.mock.calls.map((call) => String(call[0]));
  expect(info!.endsWith('}\n')).toBe(true);
  expect(JSON.parse(info!)).toMatchObject({ level: 'info', module: 'period-ending', msg: 'period-ending notices', sent: 2, mails: 3, failed: 0, pid: process.pid });
  const line = JSON.parse(error!);
  expect(line).toMatchObject({ level: 'error', module: 'period-ending', msg: 'notice failed', guaranteeId: 'g1', err: { type: 'Error', message: 'outer: inner' } });
  expect(line.err.stack).toContain('Error: outer');
  expect(line.err.stack).toContain('caused by: Error: inner');
  expect(Date.parse(line.time)).not.toBeNaN();
});

describe('never a secret', () => {
  it('fields named like a secret are redacted, at the top and one level down', () => {
    const { log, parsed } = capture();
    log.info(
      {
        module: 'auth',
        password: 'demo-pass-2026',
        authKey: '7KQ4-XM9P-WA',
        token: 'dhp_x',
        cookie: 'authjs.session-token=abc',
        request: { authorization: 'Bearer dhp_y', 'set-cookie': 'authjs.session-token=def', password: 'p' },
        smtpUrl: 'smtp://user:pw@mail.example.jp',
        loginId: 'maru01',
      },
      'sign-in',
    );
    const [line] = parsed();
    expect(line).toMatchObject({
      password: REDACTED,
      authKey: REDACTED,
      token: REDACTED,
      cookie: REDACTED,
      request: { authorization: REDACTED, 'set-cookie': REDACTED, password: REDACTED },
      smtpUrl: REDACTED,
      loginId: 'maru01',
    });
    expect(JSON.stringify(line)).not.toMatch(/demo-pass-2026|7KQ4|dhp_[xy]|abc|def|pw@/);
  });

  it('messages, error messages and stacks lose URL credentials, API tokens, bearer tokens and session cookies', () => {
    const token = `dhp_${'A'.repeat(43)}`;
    const { log, lines } = capture();
    log.warn(`SMTP smtp://mailer:s3cret@mail.example.jp:587 refused; token ${token}`);
    log.error({ err: new Error(`Authorization: Bearer ${token}; Cookie: __Secure-authjs.session-token=eyJhbGciOi.x.y`) }, 'failed');
    const text = lines.join('');
    expect(text).not.toContain('s3cret');
    expect(text).not.toContain(token);
    expect(text).not.toContain('eyJhbGciOi');
    expect(text).toContain(`smtp://${REDACTED}@mail.example.jp:587`);
    expect(text).toContain(`__Secure-authjs.session-token=${REDACTED}`);
    expect(scrub('nothing to hide: 7 sent')).toBe('nothing to hide: 7 sent');
  });
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a parsed JSON line, walked by path
type Deep = Record<string, any>;

describe('never a secret, at any depth', () => {
  it("an error keeps only its type, message, stack and code, cleaned: not a driver's config or connection string", () => {
    const { log, lines, parsed } = capture();
    const error = Object.assign(new Error('connect failed', { cause: new Error('auth for postgres://u:pw2@h/db refused') }), {
      code: 'ECONNREFUSED',
      config: { password: 'zz-config-pw', host: 'db.internal' },
      connectionString: 'postgres://u:pw3@h/db',
      query: { values: ['maru01', 'pw4-param'] },
    });
    log.error({ err: error }, 'failed');
    const [line] = parsed();
    expect(Object.keys(line!.err as object).sort()).toEqual(['code', 'message', 'stack', 'type']);
    expect(line!.err).toMatchObject({ type: 'Error', code: 'ECONNREFUSED', message: `connect failed: auth for postgres://${REDACTED}@h/db refused` });
    expect((line!.err as { stack: string }).stack).toContain('caused by: Error: auth for');
    expect(lines.join('')).not.toMatch(/zz-config-pw|pw2|pw3|pw4|db\.internal/);
  });

  it('string fields lose URL credentials, tokens and session cookies at any depth; fields named like a secret are redacted at any depth', () => {
    const token = `dhp_${'B'.repeat(43)}`;
    const { log, lines, parsed } = capture();
    log.warn(
      {
        reason: 'could not connect: postgres://u:secretpw@h/db',
        attempts: [{ at: 'x', detail: { url: 'smtp://m:smtppw@mail.example.jp' } }],
        deep: { a: { b: { c: { headers: { Authorization: `Bearer ${token}`, Cookie: 'authjs.session-token=sess1' }, note: `sent ${token}` } } } },
        nested: { a: { b: { c: { d: { password: 'deep-pw', Set_Cookie: 'x', loginId: 'maru01' } } } } },
        cause: new Error('inner postgres://u:errpw@h/db', { cause: 'ignored' }),
        count: 3,
      },
      'retry',
    );
    const line = parsed()[0] as Deep;
    expect(line.reason).toBe(`could not connect: postgres://${REDACTED}@h/db`);
    expect(line.attempts[0].detail.url).toBe(`smtp://${REDACTED}@mail.example.jp`);
    expect(line.deep.a.b.c.headers).toEqual({ Authorization: REDACTED, Cookie: REDACTED });
    expect(line.deep.a.b.c.note).toBe(`sent dhp_${REDACTED}`);
    expect(line.nested.a.b.c.d).toEqual({ password: REDACTED, Set_Cookie: REDACTED, loginId: 'maru01' });
    expect(line.cause).toMatchObject({ type: 'Error', message: `inner postgres://${REDACTED}@h/db` });
    expect(line.count).toBe(3);
    expect(lines.join('')).not.toMatch(/secretpw|smtppw|sess1|deep-pw|errpw|BBBBBBBB/);
  });

  it("a child's bindings are cleaned too; a cycle is written once", () => {
    const { log, parsed } = capture();
    const loop: Record<string, unknown> = { name: 'loop' };
    loop.self = loop;
    log.child({ module: 'mail', smtpUrl: 'smtp://a:b@c', target: 'smtp://a:bindpw@c' }).info({ loop }, 'sent');
    const line = parsed()[0] as Deep;
    expect(line).toMatchObject({ module: 'mail', smtpUrl: REDACTED, target: `smtp://${REDACTED}@c`, loop: { name: 'loop', self: '[Circular]' } });
  });
});

describe('LOG_LEVEL', () => {
  it("pino's levels (info when unset), without case; another value is refused with a message naming the setting", () => {
    expect(parseLevel(undefined)).toBe('info');
    expect(parseLevel('')).toBe('info');
    expect(parseLevel(' Debug ')).toBe('debug');
    expect(parseLevel('silent')).toBe('silent');
    expect(() => logOptions({ NODE_ENV: 'production', LOG_LEVEL: 'verbose' })).toThrow('LOG_LEVEL must be one of trace, debug, info, warn, error, fatal, silent, not "verbose"');
    expect(createLogger({ destination: { write: () => true }, env: { NODE_ENV: 'production', LOG_LEVEL: 'warn' } }).level).toBe('warn');
  });

  it('the production server refuses an unknown one with one JSON line and exit 1, no stack trace', () => {
    const run = spawnSync(process.execPath, [path.join(import.meta.dirname, '../../scripts/server/serve.mjs')], {
      env: { ...process.env, NODE_ENV: 'production', LOG_FORMAT: 'json', LOG_LEVEL: 'verbose', PORT: '0' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('');
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'fatal', module: 'portal', msg: expect.stringContaining('LOG_LEVEL must be one of') });
  });
});

describe('the format', () => {
  it('is JSON unless asked: pretty only with LOG_FORMAT=pretty, or in development unless LOG_FORMAT=json', () => {
    expect(wantsPretty({ NODE_ENV: 'production' })).toBe(false);
    expect(wantsPretty({ NODE_ENV: 'production', LOG_FORMAT: 'pretty' })).toBe(true);
    expect(wantsPretty({ NODE_ENV: 'development' })).toBe(true);
    expect(wantsPretty({ NODE_ENV: 'development', LOG_FORMAT: 'json' })).toBe(false);
  });

  it('pretty lines are text for a person, with the level and the message', () => {
    const { log, lines } = capture({ NODE_ENV: 'development' });
    log.info({ module: 'mail', sent: 1 }, 'delivered');
    const text = lines.join('');
    expect(text).toContain('INFO');
    expect(text).toContain('delivered');
    expect(() => JSON.parse(text)).toThrow();
  });
});

it("routes the console's output (Next's, a library's) into the log: one JSON line per call, an Error under err, no colour codes", () => {
  const saved = { ...console };
  const { log, parsed } = capture();
  try {
    routeConsole(log.child({ module: 'console' }));
    console.log('\u001b[32m✓\u001b[39m Ready in %dms', 12);
    console.error('⨯', new Error('render failed'));
  } finally {
    Object.assign(console, saved);
  }
  const [ready, failed] = parsed();
  expect(ready).toMatchObject({ level: 'info', module: 'console', msg: '✓ Ready in 12ms' });
  expect(failed).toMatchObject({ level: 'error', module: 'console', msg: '⨯', err: { type: 'Error', message: 'render failed' } });
  expect((failed!.err as { stack: string }).stack).toContain('render failed');
});
