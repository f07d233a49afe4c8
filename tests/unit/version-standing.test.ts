import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideVersionConfirmation, versionStanding, type VersionConfirmation, type VersionRef } from '@/domain/confirmations/version-standing';

const v1: VersionRef = { version: 1, changed: false, issuedOn: '2026-04-08' };
const v2: VersionRef = { version: 2, changed: true, issuedOn: '2026-12-05' };
const v3: VersionRef = { version: 3, changed: true, issuedOn: '2027-01-20' };
const at = (minute: number) => new Date(Date.parse('2026-12-05T00:00:00Z') + minute * 60_000);
const confirmation = (version: number, minute: number, id = `c${version}-${minute}`): VersionConfirmation => ({
  id,
  version,
  confirmedAt: at(minute),
  userName: '大村 契約',
  departmentName: '財政部契約課',
});

describe("the orderer's standing with the versions of a certificate", () => {
  it('confirmed 第1版, 第2版（変更） issued since: the latest is shown with the confirm action and no 確認記録', () => {
    const s = versionStanding([v2, v1], [confirmation(1, 0)], undefined);
    expect(s.shown).toBe(v2);
    expect(s.latest).toBe(v2);
    expect(s.newestConfirmed).toMatchObject({ version: 1, id: 'c1-0' });
    expect(s.unconfirmedLatest).toBe(v2);
    expect(s.shownConfirmation).toBeNull();
    expect(s.canConfirm).toBe(true);
  });

  it('the older version asked for: its own 確認記録, no confirm action there (the latest is a link away)', () => {
    const s = versionStanding([v2, v1], [confirmation(1, 0)], 1);
    expect(s.shown).toBe(v1);
    expect(s.shownConfirmation).toMatchObject({ id: 'c1-0' });
    expect(s.unconfirmedLatest).toBe(v2);
    expect(s.canConfirm).toBe(false);
  });

  it('the latest confirmed: nothing to confirm; each version shows its own latest confirmation', () => {
    const s = versionStanding([v2, v1], [confirmation(1, 0), confirmation(1, 30, 'c1-late'), confirmation(2, 10), confirmation(2, 5)], undefined);
    expect(s.unconfirmedLatest).toBeNull();
    expect(s.canConfirm).toBe(false);
    expect(s.shownConfirmation).toMatchObject({ id: 'c2-10' });
    expect(s.newestConfirmed).toMatchObject({ id: 'c2-10' });
    expect(versionStanding([v2, v1], [confirmation(1, 0), confirmation(1, 30, 'c1-late'), confirmation(2, 10)], 1).shownConfirmation).toMatchObject({ id: 'c1-late' });
  });

  it('an old version the orderer never confirmed (it confirmed 第2版 first): neither 確認記録 nor confirm action', () => {
    const s = versionStanding([v3, v2, v1], [confirmation(2, 0)], 1);
    expect(s.shownConfirmation).toBeNull();
    expect(s.canConfirm).toBe(false);
    expect(s.unconfirmedLatest).toBe(v3);
    expect(versionStanding([v3, v2, v1], [confirmation(2, 0)], 3).canConfirm).toBe(true);
  });

  it('a version number that does not exist, or garbage, shows the latest', () => {
    for (const asked of [9, 0, -1, NaN, '2', null]) expect(versionStanding([v2, v1], [confirmation(1, 0)], asked).shown).toBe(v2);
  });

  it('refuses a certificate without versions or without a confirmation (the page is never reached then)', () => {
    expect(() => versionStanding([], [confirmation(1, 0)], 1)).toThrow();
    expect(() => versionStanding([v1], [], 1)).toThrow();
  });
});

describe('「この版を確認しました」: what the click does', () => {
  it('confirms the latest version after an earlier one', () => {
    expect(decideVersionConfirmation({ version: 2, latestVersion: 2, confirmedVersions: [1] })).toBe('confirm');
    expect(decideVersionConfirmation({ version: 3, latestVersion: 3, confirmedVersions: [1, 1, 2] })).toBe('confirm');
  });

  it('a second click, or a colleague who already did: nothing new', () => {
    expect(decideVersionConfirmation({ version: 2, latestVersion: 2, confirmedVersions: [1, 2] })).toBe('already');
    expect(decideVersionConfirmation({ version: 1, latestVersion: 2, confirmedVersions: [1] })).toBe('already');
  });

  it('a version superseded since the page was opened: nothing recorded', () => {
    expect(decideVersionConfirmation({ version: 2, latestVersion: 3, confirmedVersions: [1] })).toBe('superseded');
  });

  it('no earlier confirmation (no access), or no such version: not found', () => {
    expect(decideVersionConfirmation({ version: 1, latestVersion: 1, confirmedVersions: [] })).toBe('not-found');
    expect(decideVersionConfirmation({ version: 2, latestVersion: 2, confirmedVersions: [] })).toBe('not-found');
    for (const version of [0, -1, 3, 1.5, NaN, Infinity]) expect(decideVersionConfirmation({ version, latestVersion: 2, confirmedVersions: [1] })).toBe('not-found');
  });

  it('property: only the latest version is ever recorded, only after an earlier confirmation and never twice', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(fc.integer({ min: 1, max: 6 }), { maxLength: 6 }), fc.integer({ min: -2, max: 8 }), (latestVersion, picked, version) => {
        const confirmedVersions = picked.filter((v) => v <= latestVersion);
        const decision = decideVersionConfirmation({ version, latestVersion, confirmedVersions });
        if (decision === 'confirm') {
          expect(version).toBe(latestVersion);
          expect(confirmedVersions.length).toBeGreaterThan(0);
          expect(confirmedVersions).not.toContain(version);
          expect(Math.max(...confirmedVersions)).toBeLessThan(version);
        }
        if (confirmedVersions.length === 0) expect(decision).toBe('not-found');
      }),
    );
  });
});
