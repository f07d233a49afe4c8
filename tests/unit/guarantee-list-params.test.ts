import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, MAX_QUERY } from '@/domain/guarantees/keyset';
import { listHref, parseListParams } from '@/domain/guarantees/list-params';

describe('保証工事一覧 URL parameters', () => {
  it('defaults: newest 証書発行日 first, condition 保証契約番号', () => {
    expect(parseListParams({})).toEqual({ cond: 'number', q: '', sort: 'issued', dir: 'desc', after: undefined, before: undefined, page: 1 });
  });

  it('a condition with an empty box orders the list by that condition', () => {
    expect(parseListParams({ cond: 'orderer', q: '' })).toMatchObject({ cond: 'orderer', sort: 'orderer', dir: 'asc' });
    expect(parseListParams({ cond: 'project' })).toMatchObject({ sort: 'project' });
    expect(parseListParams({ cond: 'project', q: '道路' })).toMatchObject({ sort: 'issued', q: '道路' });
    expect(parseListParams({ cond: 'project', sort: 'amount' })).toMatchObject({ sort: 'amount' });
  });

  it('normalises the box (全角, spaces) and bounds its length', () => {
    expect(parseListParams({ q: '  ２０７０　０００  ' }).q).toBe('2070 000');
    expect(parseListParams({ q: 'あ'.repeat(500) }).q).toHaveLength(MAX_QUERY);
  });

  it('round-trips through the URL: a reload shows the same page', () => {
    const params = parseListParams({ cond: 'orderer', q: '大村', sort: 'amount', dir: 'desc', p: '3' });
    const href = listHref('/contractor/guarantees', params, { after: { v: '40000000', n: '1000000026' } });
    const again = parseListParams(Object.fromEntries(new URL(href, 'http://x').searchParams));
    expect(again).toEqual({ ...params, after: { v: '40000000', n: '1000000026' } });
  });

  it('cursors: encoded opaquely, anything else is ignored', () => {
    const c = { v: '〇〇道路改良工事', n: '1000000026' };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
    for (const bad of ['', 'x', '!!!', 'e30', encodeURIComponent('{"v":1}'), 'a'.repeat(700), Buffer.from('["x","123"]').toString('base64url')]) {
      expect(decodeCursor(bad)).toBeUndefined();
    }
  });

  it('property: any query string parses without throwing', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('cond', 'q', 'sort', 'dir', 'after', 'before', 'p', 'x'), fc.oneof(fc.string({ maxLength: 2000 }), fc.array(fc.string(), { maxLength: 3 }))), (raw) => {
        const params = parseListParams(raw);
        expect(params.q.length).toBeLessThanOrEqual(MAX_QUERY);
        expect(params.page).toBeGreaterThanOrEqual(1);
      }),
    );
  });
});
