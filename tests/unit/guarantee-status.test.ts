import fc from 'fast-check';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { GuaranteeStatusBanner } from '@/components/status-banner/banner';
import { STATUS_BANNER_LABELS as B } from '@/components/status-banner/labels';
import { confirmedEventMail } from '@/domain/confirmations/mail-texts';
import { marksSinceConfirmation, MARK_LABEL } from '@/domain/confirmations/marks';
import { effectiveStatus, isPeriodEnding, PERIOD_ENDING_DAYS, statusView, type StatusView } from '@/domain/guarantees/status';
import { addDaysIso, isoDateToDb, todayInTokyo } from '@/lib/dates';

describe('effectiveStatus: 期間満了 from the date in Asia/Tokyo', () => {
  it('the last day of the 保証期間 is still 有効; the next day 期間満了', () => {
    expect(effectiveStatus('ACTIVE', '2027-03-31', '2027-03-30')).toBe('ACTIVE');
    expect(effectiveStatus('ACTIVE', '2027-03-31', '2027-03-31')).toBe('ACTIVE');
    expect(effectiveStatus('ACTIVE', '2027-03-31', '2027-04-01')).toBe('EXPIRED');
    expect(effectiveStatus('ACTIVE', isoDateToDb('2027-03-31'), '2027-04-01')).toBe('EXPIRED');
    // Month and year ends, a leap day.
    expect(effectiveStatus('ACTIVE', '2026-12-31', '2027-01-01')).toBe('EXPIRED');
    expect(effectiveStatus('ACTIVE', '2028-02-29', '2028-02-29')).toBe('ACTIVE');
    expect(effectiveStatus('ACTIVE', '2028-02-29', '2028-03-01')).toBe('EXPIRED');
  });

  it('解除 outranks 期間満了, before and after the end', () => {
    expect(effectiveStatus('CANCELLED', '2027-03-31', '2026-11-24')).toBe('CANCELLED');
    expect(effectiveStatus('CANCELLED', '2027-03-31', '2027-04-01')).toBe('CANCELLED');
    // A stray stored EXPIRED (never written) is judged by the date like ACTIVE.
    expect(effectiveStatus('EXPIRED', '2027-03-31', '2027-03-31')).toBe('ACTIVE');
  });

  it('"today" is the Tokyo date: 2027-03-31 15:00 UTC is already 2027-04-01 in Tokyo', () => {
    expect(effectiveStatus('ACTIVE', '2027-03-31', todayInTokyo(new Date('2027-03-31T14:59:59.999Z')))).toBe('ACTIVE');
    expect(effectiveStatus('ACTIVE', '2027-03-31', todayInTokyo(new Date('2027-03-31T15:00:00.000Z')))).toBe('EXPIRED');
  });

  it('property: 有効 exactly while today ≤ 保証期間（至）', () => {
    const day = fc.integer({ min: 0, max: 3650 }).map((n) => addDaysIso('2026-01-01', n));
    fc.assert(
      fc.property(day, day, (end, today) => {
        expect(effectiveStatus('ACTIVE', end, today) === 'ACTIVE').toBe(today <= end);
      }),
    );
  });
});

describe('isPeriodEnding: 保証期間満了間近 (within 30 days, 工期 later)', () => {
  const g = (guaranteeEnd: string, periodEnd = '2027-06-30', status: 'ACTIVE' | 'CANCELLED' = 'ACTIVE') => ({ status, guaranteeEnd, periodEnd });

  it('from 30 days before the end through its last day, both included', () => {
    expect(PERIOD_ENDING_DAYS).toBe(30);
    expect(isPeriodEnding(g('2027-03-31'), '2027-02-28')).toBe(false); // 31 days ahead
    expect(isPeriodEnding(g('2027-03-31'), '2027-03-01')).toBe(true); // 30 days ahead
    expect(isPeriodEnding(g('2027-03-31'), '2027-03-30')).toBe(true);
    expect(isPeriodEnding(g('2027-03-31'), '2027-03-31')).toBe(true); // the last day
    expect(isPeriodEnding(g('2027-03-31'), '2027-04-01')).toBe(false); // 期間満了, no longer ending
  });

  it('only while the 工期 goes on after the 保証期間, and only for a guarantee in force', () => {
    expect(isPeriodEnding(g('2027-03-31', '2027-04-01'), '2027-03-15')).toBe(true);
    expect(isPeriodEnding(g('2027-03-31', '2027-03-31'), '2027-03-15')).toBe(false); // 工期 ends with it
    expect(isPeriodEnding(g('2027-03-31', '2027-03-01'), '2027-03-15')).toBe(false); // 工期 ends earlier
    expect(isPeriodEnding(g('2027-03-31', '2027-06-30', 'CANCELLED'), '2027-03-15')).toBe(false);
    expect(isPeriodEnding({ status: 'ACTIVE', guaranteeEnd: isoDateToDb('2027-03-31'), periodEnd: isoDateToDb('2027-06-30') }, '2027-03-01')).toBe(true);
  });

  it('property: ending ⇔ ACTIVE, 0 ≤ end − today ≤ 30 days, 工期（至） > end', () => {
    const offset = fc.integer({ min: -40, max: 60 });
    fc.assert(
      fc.property(offset, offset, fc.boolean(), (endIn, worksAfter, cancelled) => {
        const today = '2027-01-15';
        const end = addDaysIso(today, endIn);
        const works = addDaysIso(end, worksAfter);
        const expected = !cancelled && endIn >= 0 && endIn <= 30 && worksAfter > 0;
        expect(isPeriodEnding({ status: cancelled ? 'CANCELLED' : 'ACTIVE', guaranteeEnd: end, periodEnd: works }, today)).toBe(expected);
      }),
    );
  });
});

describe('statusView', () => {
  const row = { status: 'ACTIVE' as const, guaranteeEnd: isoDateToDb('2027-03-31'), periodEnd: isoDateToDb('2027-06-30'), cancelledOn: null, cancelReason: null };

  it('carries the status users see and the dates behind it', () => {
    expect(statusView(row, '2026-11-24')).toEqual({ status: 'ACTIVE', guaranteeEnd: '2027-03-31', periodEnd: '2027-06-30', ending: false, cancelledOn: null, cancelReason: null });
    expect(statusView(row, '2027-03-31')).toMatchObject({ status: 'ACTIVE', ending: true });
    expect(statusView(row, '2027-04-01')).toMatchObject({ status: 'EXPIRED', ending: false });
    const cancelled = { ...row, status: 'CANCELLED' as const, cancelledOn: isoDateToDb('2026-11-20'), cancelReason: '工事の中止' };
    expect(statusView(cancelled, '2027-04-01')).toMatchObject({ status: 'CANCELLED', cancelledOn: '2026-11-20', cancelReason: '工事の中止', ending: false });
  });
});

describe('the ENDING mark in the 確認済み一覧', () => {
  const base = { confirmedVersion: 1, latestVersion: 1, statusAtConfirmation: 'ACTIVE', status: 'ACTIVE' } as const;

  it('shows while ending, with other marks, never on a guarantee no longer in force', () => {
    expect(marksSinceConfirmation({ ...base, ending: true })).toEqual(['ENDING']);
    expect(marksSinceConfirmation({ ...base, ending: false })).toEqual([]);
    expect(marksSinceConfirmation({ ...base, latestVersion: 2, ending: true })).toEqual(['CHANGED', 'ENDING']);
    expect(marksSinceConfirmation({ ...base, status: 'EXPIRED', ending: true })).toEqual(['EXPIRED']);
    expect(MARK_LABEL.ENDING).toBe('保証期間満了間近');
  });
});

describe('the PERIOD_ENDING mail', () => {
  it('names the end of the 保証期間 and the later 工期（至）', () => {
    const mail = confirmedEventMail(
      { organizationName: '大村市', suretyName: '西日本建設業保証株式会社', number: '1000000018', kind: 'ADVANCE', projectName: '〇〇道路改良工事', contractorName: '株式会社〇〇建設' },
      'PERIOD_ENDING',
      { date: '2027-03-31', periodEnd: '2027-06-30' },
    );
    expect(mail.subject).toBe('【電子保証】確認済みの電子証書の保証期間満了のお知らせ（保証契約番号 1000000018）');
    expect(mail.bodyText).toContain('この保証契約の保証期間は 2027/03/31 までです（満了日）。');
    expect(mail.bodyText).toContain('工期（至）は 2027/06/30 のため、保証期間の満了後も工期が続きます。');
  });
});

describe('the status banner', () => {
  const view = (patch: Partial<StatusView>): StatusView => ({
    status: 'ACTIVE',
    guaranteeEnd: '2027-03-31',
    periodEnd: '2027-06-30',
    ending: false,
    cancelledOn: null,
    cancelReason: null,
    ...patch,
  });
  const html = (v: StatusView, props: { compact?: boolean; hideActive?: boolean } = {}) =>
    renderToStaticMarkup(createElement(GuaranteeStatusBanner, { view: v, ...props }));

  it('期間満了 with the end of the 保証期間; 解除 with its date and reason; in words, as a status region', () => {
    const expired = html(view({ status: 'EXPIRED' }));
    expect(expired).toContain('role="status"');
    expect(expired).toContain('この保証の状態: 期間満了（保証期間 2027/03/31 まで）');
    expect(expired).toContain(B.expired('2027-03-31'));
    const cancelled = html(view({ status: 'CANCELLED', cancelledOn: '2026-11-24', cancelReason: '工事の中止<b>' }));
    expect(cancelled).toContain('この保証の状態: 解除（解除日 2026/11/24）');
    expect(cancelled).toContain('解除の理由: 工事の中止&lt;b&gt;');
  });

  it('有効 for the orderer, nothing for the contractor (hideActive) unless the 保証期間 is ending', () => {
    expect(html(view({}))).toContain('この保証の状態: 有効');
    expect(html(view({}), { hideActive: true })).toBe('');
    const ending = html(view({ ending: true }), { hideActive: true });
    expect(ending).toContain('この保証の状態: 有効（保証期間満了間近: 2027/03/31 まで）');
    expect(ending).toContain('工期（至）は 2027/06/30');
  });

  it('compact: one line inside the certificate, not a second live region', () => {
    const compact = html(view({ status: 'EXPIRED' }), { compact: true });
    expect(compact).toBe('<p class="status-banner status-banner-EXPIRED compact">この保証の状態: 期間満了（保証期間 2027/03/31 まで）</p>');
  });
});
