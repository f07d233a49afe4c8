import { describe, expect, it } from 'vitest';
import { HOME_OF_ROLE, landingPath, RETURN_PARAM, signInPath, sidePath } from '@/domain/auth/return-path';

describe('sidePath: a page of one of the three sides on this site, or nothing', () => {
  it('keeps a side page with its query', () => {
    expect(sidePath('/orderer/lookup?number=1000000052')).toBe('/orderer/lookup?number=1000000052');
    expect(sidePath('/contractor')).toBe('/contractor');
    expect(sidePath('/admin/users/0b7c0d3e-93a0-4cf4-9c63-3a3b8e7f1f11')).toBe('/admin/users/0b7c0d3e-93a0-4cf4-9c63-3a3b8e7f1f11');
    expect(sidePath('/contractor/guarantees?q=%E6%A9%8B')).toBe('/contractor/guarantees?q=%E6%A9%8B');
  });

  it('resolves dot segments before it decides, and drops a fragment', () => {
    expect(sidePath('/admin/./users')).toBe('/admin/users');
    expect(sidePath('/admin/../login')).toBeNull();
    expect(sidePath('/contractor/../../evil')).toBeNull();
    expect(sidePath('/orderer/lookup#key')).toBe('/orderer/lookup');
  });

  it('refuses another site in every spelling (open redirect)', () => {
    for (const raw of [
      'https://evil.example/admin',
      'http://evil.example',
      '//evil.example/admin',
      '///evil.example/admin',
      '/\\evil.example/admin',
      '\\\\evil.example',
      '/admin\\..\\..\\evil',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      ' /admin',
      '/admin\n//evil.example',
      '/admin\t',
      '/admin\r\nLocation: https://evil.example',
      'admin',
      '',
    ]) {
      expect(sidePath(raw), JSON.stringify(raw)).toBeNull();
    }
  });

  it('refuses pages that are not a side’s, and what is not a string', () => {
    for (const raw of ['/', '/login', '/login?callbackUrl=/admin', '/verify/abc', '/api/auth/signout', '/administrator', '/contractors', '/_next/static/x.js']) {
      expect(sidePath(raw), raw).toBeNull();
    }
    for (const raw of [undefined, null, 42, ['/admin'], { href: '/admin' }]) expect(sidePath(raw)).toBeNull();
    expect(sidePath(`/admin/users?q=${'x'.repeat(2000)}`)).toBeNull();
  });

  it('refuses characters a browser would have percent-encoded', () => {
    expect(sidePath('/contractor/guarantees?q=橋')).toBeNull();
    expect(sidePath('/contractor/guarantees?q=a b')).toBeNull();
  });
});

describe('landingPath: where a sign-in lands', () => {
  it('is the side’s home without a return path', () => {
    for (const role of ['CONTRACTOR', 'ORDERER', 'ADMIN'] as const) {
      expect(landingPath(role, null)).toBe(HOME_OF_ROLE[role]);
      expect(landingPath(role, undefined)).toBe(HOME_OF_ROLE[role]);
    }
  });

  it('is the page the user came from when it is on the user’s own side', () => {
    expect(landingPath('ORDERER', '/orderer/lookup?number=1000000052')).toBe('/orderer/lookup?number=1000000052');
    expect(landingPath('ADMIN', '/admin')).toBe('/admin');
  });

  it('is the home when that page is another side’s or another site’s', () => {
    expect(landingPath('CONTRACTOR', '/admin/users')).toBe('/contractor');
    expect(landingPath('ORDERER', '/contractor/guarantees')).toBe('/orderer');
    expect(landingPath('ADMIN', '//evil.example/admin')).toBe('/admin');
    expect(landingPath('ADMIN', 'https://evil.example/admin')).toBe('/admin');
  });
});

describe('signInPath: the sign-in page naming where to come back to', () => {
  it('names a side page, encoded', () => {
    expect(signInPath('/orderer/lookup?number=1000000052')).toBe(`/login?${RETURN_PARAM}=%2Forderer%2Flookup%3Fnumber%3D1000000052`);
  });

  it('is the plain sign-in page for anything else', () => {
    expect(signInPath('/')).toBe('/login');
    expect(signInPath('//evil.example')).toBe('/login');
    expect(signInPath(null)).toBe('/login');
  });
});
