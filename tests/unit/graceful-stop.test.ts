import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKGROUND as APP_BACKGROUND, backgroundSettled, isStopping, onStop, STOP_HOOKS as APP_HOOKS, STOPPING as APP_STOPPING, trackBackground } from '@/lib/stop';
import { BACKGROUND, gracefulStop, parseDrain, STOP_HOOKS, STOPPING } from '../../scripts/server/shutdown.mjs';

// The orderly stop (scripts/server/shutdown.mjs, decision 057) over real HTTP on loopback: a handler
// that the test releases plays a request in flight; the app's hooks are registered as src/boot.ts does.

type Holder = Record<symbol, unknown>;
const servers: http.Server[] = [];
afterEach(async () => {
  delete (globalThis as Holder)[STOPPING];
  delete (globalThis as Holder)[STOP_HOOKS];
  delete (globalThis as Holder)[BACKGROUND];
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function recorder() {
  const lines: { level: string; object: object; message: string }[] = [];
  const at = (level: string) => (object: object, message: string) => void lines.push({ level, object, message });
  return { lines, log: { info: at('info'), warn: at('warn'), error: at('error') } };
}

/** A server whose /slow requests wait for the test's word; every other path answers at once. */
async function start() {
  const release = deferred();
  const arrived = deferred();
  const server = http.createServer((req, res) => {
    if (req.url === '/slow') {
      arrived.resolve();
      void release.promise.then(() => res.end('slow done'));
    } else res.end('quick');
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, release: release.resolve, arrived: arrived.promise };
}

function get(port: number, path: string): Promise<{ status: number; body: string; connection: string | undefined }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection }));
      })
      .on('error', reject);
  });
}

describe('parseDrain (STOP_DRAIN_SECONDS)', () => {
  it('takes 0 to 5 whole seconds, 0 when unset, and refuses anything else', () => {
    expect(parseDrain(undefined)).toBe(0);
    expect(parseDrain('')).toBe(0);
    expect(parseDrain('3')).toBe(3);
    expect(parseDrain(' 5 ')).toBe(5);
    for (const bad of ['6', '-1', '1.5', 'soon']) expect(() => parseDrain(bad)).toThrow(/STOP_DRAIN_SECONDS/);
  });
});

describe('gracefulStop', () => {
  it('shares its flag and hooks with the app (src/lib/stop.ts)', () => {
    expect(STOPPING).toBe(APP_STOPPING);
    expect(STOP_HOOKS).toBe(APP_HOOKS);
    expect(BACKGROUND).toBe(APP_BACKGROUND);
  });

  it('finishes the request in flight, then stops the jobs and closes the database last, and exits 0', async () => {
    const { server, port, release, arrived } = await start();
    const steps: string[] = [];
    const jobDone = deferred();
    onStop('jobs', 'mail worker', async () => {
      steps.push('jobs begin');
      await jobDone.promise;
      steps.push('jobs end');
    });
    onStop('database', 'database', async () => void steps.push('database'));
    const exits: number[] = [];
    const { lines, log } = recorder();
    const { stop, inFlight } = gracefulStop(server, { log, exit: (code) => void exits.push(code) });

    const slow = get(port, '/slow');
    await arrived;
    expect(isStopping()).toBe(false);
    const stopped = stop('SIGTERM');
    expect(isStopping()).toBe(true);
    expect(steps).toEqual(['jobs begin']);
    // No new connection is taken.
    await expect(get(port, '/quick')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(inFlight()).toBe(1);
    // A second signal (npm start passes Ctrl-C on) changes nothing.
    expect(stop('SIGINT')).toBe(stopped);

    jobDone.resolve();
    await new Promise((resolve) => setImmediate(resolve));
    expect(steps).toEqual(['jobs begin', 'jobs end']); // the database waits for the request
    release();
    const reply = await slow;
    expect(reply).toMatchObject({ status: 200, body: 'slow done', connection: 'close' });
    await stopped;
    expect(steps).toEqual(['jobs begin', 'jobs end', 'database']);
    expect(exits).toEqual([0]);
    expect(lines.map((l) => l.message)).toEqual(['stopping', 'already stopping', 'stopped']);
  });

  it('with STOP_DRAIN_SECONDS still answers new connections (Connection: close) before it stops listening', async () => {
    const { server, port } = await start();
    const exits: number[] = [];
    const { log } = recorder();
    const { stop } = gracefulStop(server, { log, exit: (code) => void exits.push(code), drainMs: 60_000 });
    void stop('SIGTERM');
    expect(await get(port, '/quick')).toMatchObject({ status: 200, connection: 'close' });
    expect(exits).toEqual([]);
  });

  it('exits 1 naming what still runs when the deadline passes', async () => {
    const { server, port, arrived } = await start();
    onStop('database', 'database', () => new Promise(() => {})); // hangs
    const exited = deferred<number>();
    const { lines, log } = recorder();
    const { stop } = gracefulStop(server, { log, exit: exited.resolve, deadlineMs: 400, closeMarginMs: 200 });
    void get(port, '/slow').catch(() => {});
    await arrived;
    void stop('SIGTERM');
    expect(await exited.promise).toBe(1);
    const forced = lines.find((l) => l.level === 'error')!;
    expect(forced.message).toBe('not stopped within 0.4 s: exiting anyway');
    expect(forced.object).toMatchObject({ signal: 'SIGTERM', requests: ['GET /slow'], steps: ['database'] });
    expect(lines.find((l) => l.level === 'warn')).toMatchObject({ message: 'requests still running: closing the database under them' });
  });

  it('exits 1 when a step fails, after running the others', async () => {
    const { server } = await start();
    const ran: string[] = [];
    onStop('jobs', 'retention sweep', async () => {
      throw new Error('boom');
    });
    onStop('jobs', 'mail worker', async () => void ran.push('mail worker'));
    onStop('database', 'database', async () => void ran.push('database'));
    const exits: number[] = [];
    const { lines, log } = recorder();
    await gracefulStop(server, { log, exit: (code) => void exits.push(code) }).stop('SIGTERM');
    expect(ran).toEqual(['mail worker', 'database']);
    expect(exits).toEqual([1]);
    expect(lines.find((l) => l.level === 'error')).toMatchObject({ message: 'a stop step failed', object: { step: 'retention sweep' } });
  });

  it('waits for the work a request left in the background (a lock notice) before it closes the database', async () => {
    const { server, port, release, arrived } = await start();
    const steps: string[] = [];
    onStop('database', 'database', async () => void steps.push('database'));
    const notice = deferred();
    const exits: number[] = [];
    const { lines, log } = recorder();
    const { stop } = gracefulStop(server, { log, exit: (code) => void exits.push(code) });
    const slow = get(port, '/slow');
    await arrived;
    const stopped = stop('SIGTERM');
    // The request answers, and leaves its notice running (as lookup.ts does after a lock).
    trackBackground(notice.promise.then(() => void steps.push('notice written')));
    release();
    await slow;
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(steps).toEqual([]);
    expect(exits).toEqual([]);
    notice.resolve();
    await stopped;
    expect(steps).toEqual(['notice written', 'database']);
    expect(exits).toEqual([0]);
    expect(lines.map((l) => l.message)).toEqual(['stopping', 'stopped']);
  });

  it('closes the database under background work that outlives the bound, and exits 1 saying so', async () => {
    const { server } = await start();
    const ran: string[] = [];
    onStop('database', 'database', async () => void ran.push('database'));
    trackBackground(new Promise(() => {})); // never settles
    const exits: number[] = [];
    const { lines, log } = recorder();
    await gracefulStop(server, { log, exit: (code) => void exits.push(code), deadlineMs: 600, closeMarginMs: 300 }).stop('SIGTERM');
    expect(ran).toEqual(['database']);
    expect(exits).toEqual([1]);
    expect(lines.find((l) => l.level === 'warn')).toMatchObject({ message: 'background work still running: closing the database under it', object: { background: 1 } });
  });
});

describe('trackBackground', () => {
  it('keeps the work until it settles, swallows what it rejects with, and backgroundSettled waits for work started meanwhile', async () => {
    const first = deferred();
    const order: string[] = [];
    trackBackground(first.promise.then(() => {
      order.push('first');
      trackBackground(Promise.resolve().then(() => void order.push('second')));
    }));
    trackBackground(Promise.reject(new Error('logged by its caller')));
    const settled = backgroundSettled().then(() => void order.push('settled'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual([]);
    first.resolve();
    await settled;
    expect(order).toEqual(['first', 'second', 'settled']);
    expect(((globalThis as Holder)[BACKGROUND] as Set<unknown>).size).toBe(0);
  });
});
