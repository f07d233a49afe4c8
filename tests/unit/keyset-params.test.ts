import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { choiceParam, decodeCursor, encodeCursor, keysetHref, keysetParamsParser, MAX_QUERY, queryParam } from '@/domain/guarantees/keyset';
import { parseListParams } from '@/domain/guarantees/list-params';
import { parseOfficerListParams } from '@/domain/guarantees/officer-list-params';
import type { SearchParams } from '@/lib/search-params';

// A list of its own, so the shared parser is tested apart from either guarantee list's rules.
const parse = keysetParamsParser({
  filters: { kind: choiceParam(['a', 'b'] as const, 'a'), q: queryParam },
  sorts: ['date', 'name'] as const,
  sort: ({ kind }, asked) => asked ?? (kind === 'b' ? 'name' : 'date'),
  defaultDir: (sort) => (sort === 'date' ? 'desc' : 'asc'),
});
const cursor = { v: '2026-04-01', n: '1000000026' };
const good = encodeCursor(cursor);

describe('keyset list parameters (shared by the 保証工事一覧 and the officers\' 保証一覧)', () => {
  it('an empty query: no condition, the default order, page 1, no cursor', () => {
    expect(parse({})).toEqual({ q: '', sort: 'date', dir: 'desc', page: 1 });
  });

  it('a cursor we did not write is no cursor: the list starts at page 1', () => {
    const forged = [
      'not base64!',
      'x'.repeat(2001),
      Buffer.from('{"v":"2026-04-01","n":"1000000026"}').toString('base64url'),
      Buffer.from('["2026-04-01"]').toString('base64url'),
      Buffer.from('["2026-04-01","1000000026","x"]').toString('base64url'),
      Buffer.from('["2026-04-01","12345"]').toString('base64url'),
      Buffer.from('[20260401,"1000000026"]').toString('base64url'),
      Buffer.from('["a\\u0000b","1000000026"]').toString('base64url'),
      Buffer.from(JSON.stringify(['x'.repeat(301), '1000000026'])).toString('base64url'),
      Buffer.from('["2026-04-01",').toString('base64url'),
    ];
    for (const bad of forged) {
      expect(decodeCursor(bad)).toBeUndefined();
      expect(parse({ after: bad, p: '3' })).toMatchObject({ after: undefined, before: undefined, page: 3 });
    }
    expect(decodeCursor(good)).toEqual(cursor);
    expect(parse({ before: good })).toMatchObject({ after: undefined, before: cursor });
    // A link carries one of them; should both come, after wins.
    expect(parse({ after: good, before: good })).toMatchObject({ after: cursor, before: undefined });
    expect(parse({ after: 'forged', before: good })).toMatchObject({ after: undefined, before: cursor });
  });

  it('a list of other rows breaks ties by the row id: a moment and a UUID make a cursor, anything else in n does not', () => {
    const byId = { v: '2026-12-05T01:02:03.456Z', n: '0b7e2f3c-1d2a-4b5c-8d9e-0f1a2b3c4d5e' };
    expect(decodeCursor(encodeCursor(byId))).toEqual(byId);
    for (const n of ['0b7e2f3c-1d2a-4b5c-8d9e', 'g'.repeat(36), "'; DROP TABLE x; --", '']) {
      expect(decodeCursor(encodeCursor({ v: byId.v, n }))).toBeUndefined();
    }
  });

  it('an unknown condition, sort or direction falls back; a condition may say what an unknown word means', () => {
    expect(parse({ kind: 'zzz', sort: 'price', dir: 'up', p: '-1' })).toMatchObject({ kind: 'a', sort: 'date', dir: 'desc', page: 1 });
    expect(parse({ kind: 'b' })).toMatchObject({ kind: 'b', sort: 'name', dir: 'asc' });
    expect(parse({ kind: 'b', sort: 'date', dir: 'asc' })).toMatchObject({ sort: 'date', dir: 'asc' });
    expect(parse({ kind: '' })).not.toHaveProperty('kind', 'a');
    expect(parseListParams({ cond: 'zzz' })).toMatchObject({ cond: 'number', sort: 'number' });
    expect(parseOfficerListParams({ state: 'zzz', payment: 'paid' })).toMatchObject({ state: undefined, payment: undefined, sort: 'issued' });
  });

  it('an overlong box is cut to MAX_QUERY after folding; control characters and runs of spaces become one space', () => {
    expect(parse({ q: 'Ａ'.repeat(10_000) }).q).toBe('A'.repeat(MAX_QUERY));
    expect(parse({ q: ' 道路\u0000\t改良　 工事 ' }).q).toBe('道路 改良 工事');
    expect(parseListParams({ q: 'あ'.repeat(500) }).q).toHaveLength(MAX_QUERY);
    expect(parseOfficerListParams({ project: 'い'.repeat(500) }).project).toHaveLength(MAX_QUERY);
  });

  it('a repeated parameter reads its first value; an empty array or a value that is no string is no value', () => {
    expect(parse({ kind: ['b', 'a'], q: ['道路', '橋'], sort: ['name', 'date'], dir: ['asc'], p: ['4', '5'], after: [good, 'x'] })).toEqual({
      kind: 'b',
      q: '道路',
      sort: 'name',
      dir: 'asc',
      page: 4,
      after: cursor,
      before: undefined,
    });
    expect(parse({ kind: [], q: [], sort: [], p: [] })).toEqual({ q: '', sort: 'date', dir: 'desc', page: 1 });
    const hostile = { q: [42], sort: [{}], p: [null], after: [[good]] } as unknown as SearchParams;
    expect(parse(hostile)).toEqual({ q: '', sort: 'date', dir: 'desc', page: 1 });
  });

  it('a raw value that is no object reads as an empty query', () => {
    for (const raw of [null, undefined, 'cond=number', 7, ['q']]) expect(parse(raw as unknown as SearchParams)).toEqual(parse({}));
  });

  it('links: the cursor (after before before) and the page, page 1 left out', () => {
    expect(keysetHref('/list', new URLSearchParams(), { page: 1 })).toBe('/list');
    expect(keysetHref('/list', new URLSearchParams('q=x'), { after: cursor, before: cursor, page: 2 })).toBe(`/list?q=x&after=${good}&p=2`);
    expect(keysetHref('/list', new URLSearchParams(), { before: cursor, page: 1 })).toBe(`/list?before=${good}`);
  });

  it('property: anything at all parses without throwing, into values the lists accept', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('kind', 'q', 'sort', 'dir', 'after', 'before', 'p', 'x'), fc.anything()), (raw) => {
        const params = parse(raw as SearchParams);
        expect(['date', 'name']).toContain(params.sort);
        expect(['asc', 'desc']).toContain(params.dir);
        expect(params.q.length).toBeLessThanOrEqual(MAX_QUERY);
        expect(Number.isInteger(params.page) && params.page >= 1).toBe(true);
        expect(params.after && params.before).toBeFalsy();
      }),
    );
  });
});
