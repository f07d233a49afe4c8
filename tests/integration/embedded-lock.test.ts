import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openEmbedded } from '@/db/client';
import { DataDirLockedError } from '@/db/lock';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

function holder(dir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'tests/support/hold-embedded.ts', dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr?.on('data', (d) => (err += d));
    child.stdout?.on('data', (d) => String(d).includes('ready') && resolve(child));
    child.on('exit', (code) => reject(new Error(`holder exited ${code}: ${err}`)));
  });
}

describe('embedded database lock file', () => {
  it('refuses a second process with a clear error, and takes over a dead process’s lock', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-lock-'));
    try {
      const child = await holder(dir);
      const attempt = openEmbedded(dir);
      await expect(attempt).rejects.toBeInstanceOf(DataDirLockedError);
      await expect(openEmbedded(dir)).rejects.toThrow(new RegExp(`already open in process ${child.pid}`));

      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      // The holder died without releasing: its stale lock is taken over, and its write survived.
      const handle = await openEmbedded(dir);
      try {
        expect(await handle.prisma.auditLog.count({ where: { action: 'test.hold' } })).toBe(1);
      } finally {
        await handle.close();
      }
      expect(fs.existsSync(path.join(dir, 'pglite.lock'))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
