import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_QUERY } from '@/domain/guarantees/keyset';
import { chosenOrder, foldForSearch, isFiltered, numberPrefix, officerListHref, parseOfficerListParams } from '@/domain/guarantees/officer-list-params';

const BASE = '/admin/guarantees';

describe('保証一覧 (officers) URL parameters', () => {
  it('defaults: every guarantee, newest 証書発行日 first, no condition', () => {
    const params = parseOfficerListParams({});
    expect(params).toEqual({ number: '', project: '', contractor: '', orderer: '', state: undefined, payment: undefined, sort: 'issued', dir: 'desc', after: undefined, before: undefined, page: 1 });
    expect(isFiltered(params)).toBe(false);
    expect(officerListHref(BASE, params)).toBe(BASE);
  });

  it('reads each condition; anything unknown is no condition, never an error', () => {
    expect(parseOfficerListParams({ state: 'CANCELLED', payment: 'unpaid', sort: 'number', dir: 'asc' })).toMatchObject({ state: 'CANCELLED', payment: 'unpaid', sort: 'number', dir: 'asc' });
    expect(parseOfficerListParams({ state: 'ended', payment: 'paid', sort: 'amount', dir: 'up', p: '-2' })).toMatchObject({ state: undefined, payment: undefined, sort: 'issued', dir: 'desc', page: 1 });
    expect(parseOfficerListParams({ state: ['CANCELLED', 'ACTIVE'] }).state).toBe('CANCELLED');
    expect(isFiltered(parseOfficerListParams({ payment: 'unpaid' }))).toBe(true);
    expect(isFiltered(parseOfficerListParams({ sort: 'number' }))).toBe(true);
  });

  it('期間満了 and 満了間近 are listed by 保証期間（至） only (latest / nearest first); a header\'s order is kept only when chosen', () => {
    expect(parseOfficerListParams({ state: 'EXPIRED' })).toMatchObject({ sort: 'end', dir: 'desc' });
    expect(parseOfficerListParams({ state: 'ENDING' })).toMatchObject({ sort: 'end', dir: 'asc' });
    expect(parseOfficerListParams({ state: 'CANCELLED' })).toMatchObject({ sort: 'issued', dir: 'desc' });
    expect(parseOfficerListParams({ state: 'EXPIRED', sort: 'issued' })).toMatchObject({ sort: 'end', dir: 'desc' });
    expect(parseOfficerListParams({ state: 'EXPIRED', sort: 'number', dir: 'asc' })).toMatchObject({ sort: 'end', dir: 'asc' });
    expect(parseOfficerListParams({ sort: 'end' })).toMatchObject({ sort: 'end', dir: 'desc' });
    expect(parseOfficerListParams({ state: 'CANCELLED', sort: 'number' })).toMatchObject({ sort: 'number' });
    // The state's own order is not written into links or the form, so changing the state changes the order.
    expect(chosenOrder(parseOfficerListParams({ state: 'ENDING' }))).toEqual({ sort: undefined, dir: undefined });
    expect(officerListHref(BASE, parseOfficerListParams({ state: 'ENDING' }))).toBe(`${BASE}?state=ENDING`);
    expect(chosenOrder(parseOfficerListParams({ state: 'ENDING', dir: 'desc' }))).toEqual({ sort: undefined, dir: 'desc' });
    expect(chosenOrder(parseOfficerListParams({ state: 'EXPIRED', sort: 'number' }))).toEqual({ sort: undefined, dir: undefined });
    expect(chosenOrder(parseOfficerListParams({ state: 'ACTIVE', sort: 'number' }))).toEqual({ sort: 'number', dir: undefined });
  });

  it('工事名 is compared folded: 全角 to 半角, A–Z to a–z, nothing else changed', () => {
    expect(foldForSearch('ＡＢＣ橋梁　補修')).toBe('abc橋梁 補修');
    expect(foldForSearch('〇〇道路（その２）')).toBe('〇〇道路(その2)');
    expect(foldForSearch('ÄÖ')).toBe('ÄÖ');
  });

  it('folds the boxes (全角, spaces) and bounds their length', () => {
    expect(parseOfficerListParams({ project: '  ＡＢＣ　道路  ', contractor: '〇〇建設' })).toMatchObject({ project: 'ABC 道路', contractor: '〇〇建設' });
    expect(parseOfficerListParams({ orderer: 'あ'.repeat(500) }).orderer).toHaveLength(MAX_QUERY);
  });

  it('保証契約番号: leading digits with hyphens and spaces dropped; text that begins no number is null', () => {
    expect(numberPrefix('')).toBe('');
    expect(numberPrefix('2070-004')).toBe('2070004');
    expect(numberPrefix(parseOfficerListParams({ number: '２０７０ ００４４２６' }).number)).toBe('2070004426');
    expect(numberPrefix('20700044261')).toBeNull();
    expect(numberPrefix('abc')).toBeNull();
    expect(numberPrefix('2070x')).toBeNull();
  });

  it('round-trips through the URL: a reload or a shared link shows the same page', () => {
    const params = parseOfficerListParams({ number: '2070', project: '道路', contractor: '〇〇', orderer: '大村', state: 'ACTIVE', payment: 'unpaid', sort: 'number', dir: 'asc', p: '3' });
    const href = officerListHref(BASE, params, { after: { v: '2070004426', n: '2070004426' } });
    const again = parseOfficerListParams(Object.fromEntries(new URL(href, 'http://x').searchParams));
    expect(again).toEqual({ ...params, after: { v: '2070004426', n: '2070004426' } });
    // after wins over before; a new search drops both.
    const back = officerListHref(BASE, params, { before: { v: '2070004426', n: '2070004426' } });
    expect(new URL(back, 'http://x').searchParams.has('before')).toBe(true);
    expect(officerListHref(BASE, { ...params, after: { v: '2026-04-01', n: '2070004426' } }, { after: undefined, before: undefined, page: 1 })).not.toMatch(/after|before|p=/);
  });

  it('property: any query string parses without throwing, and its link parses to the same', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom('number', 'project', 'contractor', 'orderer', 'state', 'payment', 'sort', 'dir', 'after', 'before', 'p', 'x'),
          fc.oneof(fc.string({ maxLength: 300 }), fc.array(fc.string(), { maxLength: 3 })),
        ),
        (raw) => {
          const params = parseOfficerListParams(raw);
          const again = parseOfficerListParams(Object.fromEntries(new URL(officerListHref(BASE, params), 'http://x').searchParams));
          expect(again).toEqual(params);
        },
      ),
    );
  });
});
