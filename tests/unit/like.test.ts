import { describe, expect, it } from 'vitest';
import { escapeLike, likeContaining } from '@/lib/like';

describe('LIKE patterns from typed text', () => {
  it('escapes the three characters LIKE reads, and nothing else', () => {
    expect(escapeLike('100%_\\x')).toBe('100\\%\\_\\\\x');
    expect(escapeLike("道路' OR 1=1 --")).toBe("道路' OR 1=1 --");
  });

  it('wraps the escaped text for "contains"', () => {
    expect(likeContaining('a_b')).toBe('%a\\_b%');
    expect(likeContaining('')).toBe('%%');
  });
});
