import fs from 'node:fs';
import path from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { expect } from '@playwright/test';

/** Where scripts/e2e-server.mjs's SMTP server writes each message it accepts. */
export const MAIL_DIR = path.resolve(`.test-data/mail-${process.env.E2E_PORT ?? 3100}`);

/**
 * Each message parsed once per worker process: a message file never changes once it is there (the
 * server renames it into place whole), and a run's later waits would otherwise parse every earlier
 * message again on every poll.
 */
const parsed = new Map<string, Promise<ParsedMail>>();

export async function readMails(): Promise<ParsedMail[]> {
  if (!fs.existsSync(MAIL_DIR)) return [];
  const files = fs.readdirSync(MAIL_DIR).filter((f) => f.endsWith('.eml')).sort();
  return Promise.all(
    files.map((f) => {
      let mail = parsed.get(f);
      if (!mail) {
        mail = simpleParser(fs.readFileSync(path.join(MAIL_DIR, f)));
        parsed.set(f, mail);
      }
      return mail;
    }),
  );
}

/**
 * Waits until a message the portal sent through real SMTP matches. The worker polls every 5 s, and a
 * loaded machine can stretch a round to many times that: the budget is for such a machine.
 */
export async function waitForMail(predicate: (mail: ParsedMail) => boolean, timeout = 90_000): Promise<ParsedMail> {
  let found: ParsedMail | undefined;
  await expect
    .poll(
      async () => {
        found = (await readMails()).find(predicate);
        return Boolean(found);
      },
      { timeout, message: 'the mail never reached the SMTP server' },
    )
    .toBe(true);
  return found!;
}
