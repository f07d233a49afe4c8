import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChangeField } from '@/domain/changes/rules';
import { CHANGE_FIELDS } from '@/domain/changes/rules';
import { changeSubjects, isQuiet, versionNotice, type NoticeChange, type NoticeVersion } from '@/domain/changes/version-notice';

const v1: NoticeVersion = { version: 1, changed: false, issuedOn: '2026-04-08' };
const v2: NoticeVersion = { version: 2, changed: true, issuedOn: '2026-12-05' };
const v3: NoticeVersion = { version: 3, changed: true, issuedOn: '2027-01-20' };
const at = (minute: number) => new Date(Date.parse('2026-12-05T00:00:00Z') + minute * 60_000);
const change = (id: string, minute: number, version: number | null, fields: ChangeField[], changeDate = '2026-12-05'): NoticeChange => ({
  id,
  changeDate,
  recordedAt: at(minute),
  version,
  reasonNote: version !== null ? '注1' : fields.includes('contractAmount') && fields.length === 1 ? '注3' : '注2',
  fields: fields.map((field) => ({ field })),
});

describe('what a screen showing a certificate version says about it', () => {
  it('the only version, no change: nothing to say', () => {
    const n = versionNotice([v1], [], undefined);
    expect(n).toEqual({ shown: v1, latest: v1, newer: null, recordedAfterLatest: [], staleLines: [] });
    expect(isQuiet(n)).toBe(true);
  });

  it('第1版 shown after 第2版（変更）: the newer version, whatever else', () => {
    const changes = [change('c2', 10, 2, ['guaranteeAmount'])];
    const n = versionNotice([v2, v1], changes, 1);
    expect(n.shown).toBe(v1);
    expect(n.newer).toBe(v2);
    expect(n.recordedAfterLatest).toEqual([]);
    expect(isQuiet(n)).toBe(false);
    // The latest itself (asked for, or by default, or by a version that does not exist): quiet.
    for (const asked of [2, undefined, '1', 7, Number.NaN]) expect(isQuiet(versionNotice([v2, v1], changes, asked))).toBe(true);
  });

  it('a 【注2】 change after 第1版: 工期・保証期間, and the certificate lines it left behind (工事末日, 保証期間)', () => {
    const n = versionNotice([v1], [change('c1', 5, null, ['periodEnd', 'guaranteeEnd'], '2027-01-15')], 1);
    expect(n.newer).toBeNull();
    expect(n.recordedAfterLatest).toEqual([{ id: 'c1', changeDate: '2027-01-15', reasonNote: '注2', subjects: ['period', 'guaranteePeriod'] }]);
    expect(n.staleLines).toEqual(['guaranteePeriod', 'projectEndDate']);
  });

  it('a 【注3】 change (請負金額 only): 請負金額', () => {
    const n = versionNotice([v1], [change('c1', 5, null, ['contractAmount'])], undefined);
    expect(n.recordedAfterLatest[0]).toMatchObject({ reasonNote: '注3', subjects: ['contractAmount'] });
    expect(n.staleLines).toEqual(['contractAmount']);
  });

  it('工期（自） only: listed, but no line of the certificate is out of date', () => {
    const n = versionNotice([v1], [change('c1', 5, null, ['periodStart'])], undefined);
    expect(n.recordedAfterLatest[0]!.subjects).toEqual(['period']);
    expect(n.staleLines).toEqual([]);
    expect(isQuiet(n)).toBe(false);
  });

  it('only the record-only changes after the latest version count, oldest first', () => {
    const changes = [
      change('after-b', 40, null, ['contractAmount'], '2027-02-01'),
      change('issued-3', 30, 3, ['guaranteeAmount']),
      change('before', 20, null, ['periodEnd', 'guaranteeEnd']),
      change('issued-2', 10, 2, ['projectName']),
      change('after-a', 35, null, ['periodStart', 'periodEnd'], '2027-01-25'),
    ];
    const latest = versionNotice([v3, v2, v1], changes, 3);
    expect(latest.newer).toBeNull();
    expect(latest.recordedAfterLatest.map((c) => c.id)).toEqual(['after-a', 'after-b']);
    expect(latest.staleLines).toEqual(['projectEndDate', 'contractAmount']);
    // An older version: the newer one first, and still the changes after the latest.
    const older = versionNotice([v3, v2, v1], changes, 2);
    expect(older.newer).toBe(v3);
    expect(older.recordedAfterLatest.map((c) => c.id)).toEqual(['after-a', 'after-b']);
    // Before 第3版 was issued, the 【注2】 change counted for 第2版.
    const then = versionNotice([v2, v1], changes.filter((c) => c.recordedAt < at(30)), 2);
    expect(then.recordedAfterLatest.map((c) => c.id)).toEqual(['before']);
  });

  it('the change that issued the latest version missing: every record-only change counts', () => {
    const n = versionNotice([v2, v1], [change('r', 1, null, ['contractAmount'])], 2);
    expect(n.recordedAfterLatest.map((c) => c.id)).toEqual(['r']);
  });

  it('a certificate without versions is a bug', () => {
    expect(() => versionNotice([], [], 1)).toThrow();
  });

  it('subjects: every field has one, each named once, in a fixed order', () => {
    expect(changeSubjects([{ field: 'guaranteeEnd' }, { field: 'periodEnd' }, { field: 'guaranteeStart' }, { field: 'periodStart' }])).toEqual(['period', 'guaranteePeriod']);
    fc.assert(
      fc.property(fc.subarray([...CHANGE_FIELDS], { minLength: 1 }), (fields) => {
        const subjects = changeSubjects(fields.map((field) => ({ field })));
        expect(subjects.length).toBeGreaterThan(0);
        expect(new Set(subjects).size).toBe(subjects.length);
        expect(changeSubjects([...fields].reverse().map((field) => ({ field })))).toEqual(subjects);
      }),
    );
  });

  it('property: a newer version is named exactly when the one shown is not the latest; no issuing change is ever listed', () => {
    const versions = [v3, v2, v1];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4 }),
        fc.array(fc.record({ minute: fc.integer({ min: 0, max: 100 }), recordOnly: fc.boolean(), field: fc.constantFrom(...CHANGE_FIELDS) }), { maxLength: 6 }),
        (asked, raw) => {
          const changes = raw.map((c, i) => change(`c${i}`, c.minute, c.recordOnly ? null : 2, [c.field]));
          const n = versionNotice(versions, changes, asked);
          expect(n.newer === null).toBe(n.shown.version === 3);
          for (const r of n.recordedAfterLatest) expect(changes.find((c) => c.id === r.id)!.version).toBeNull();
        },
      ),
    );
  });
});
