import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkContractNumber, contractNumberFromSerial, dammCheckDigit, SERIAL_MAX, SERIAL_MIN } from '@/domain/guarantees/contract-number';

// A spread of serials: the ends of the range, round numbers, and a deterministic pseudo-random sample.
function sampleSerials(): bigint[] {
  const out = [SERIAL_MIN, SERIAL_MIN + 1n, SERIAL_MAX, SERIAL_MAX - 1n, 123456789n, 500000000n, 909090909n];
  let x = 0x2545f491n;
  for (let i = 0; i < 300; i++) {
    x = (x * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn;
    out.push(SERIAL_MIN + (x % (SERIAL_MAX - SERIAL_MIN + 1n)));
  }
  return out;
}

describe('保証契約番号 (Damm)', () => {
  it('known Damm values', () => {
    expect(dammCheckDigit('572')).toBe(4); // the textbook example
    expect(contractNumberFromSerial(100000000n)).toMatch(/^100000000\d$/);
  });

  it('every generated number is 10 digits and valid', () => {
    for (const s of sampleSerials()) {
      const n = contractNumberFromSerial(s);
      expect(n).toMatch(/^[1-9]\d{9}$/);
      expect(checkContractNumber(n)).toEqual({ ok: true, number: n });
    }
  });

  it('every single-digit substitution is rejected', () => {
    let tried = 0;
    for (const s of sampleSerials()) {
      const n = contractNumberFromSerial(s);
      for (let i = 0; i < 10; i++) {
        for (let d = 0; d <= 9; d++) {
          if (String(d) === n[i]) continue;
          const typo = n.slice(0, i) + d + n.slice(i + 1);
          tried++;
          expect(checkContractNumber(typo).ok, typo).toBe(false);
        }
      }
    }
    expect(tried).toBe(sampleSerials().length * 90);
  });

  it('every adjacent transposition of different digits is rejected', () => {
    for (const s of sampleSerials()) {
      const n = contractNumberFromSerial(s);
      for (let i = 0; i < 9; i++) {
        if (n[i] === n[i + 1]) continue;
        const swapped = n.slice(0, i) + n[i + 1] + n[i] + n.slice(i + 2);
        expect(checkContractNumber(swapped).ok, swapped).toBe(false);
      }
    }
  });

  it('normalises 全角 digits, spaces and hyphens', () => {
    const n = contractNumberFromSerial(123456789n);
    const wide = [...n].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
    expect(checkContractNumber(wide)).toEqual({ ok: true, number: n });
    expect(checkContractNumber(`${n.slice(0, 5)}-${n.slice(5)}`)).toEqual({ ok: true, number: n });
    expect(checkContractNumber(` ${n.slice(0, 3)} ${n.slice(3)} `)).toEqual({ ok: true, number: n });
  });

  it('refuses wrong shapes as FORMAT', () => {
    for (const bad of ['', '123', '12345678901', 'abcdefghij', '0123456789', '１２３']) {
      expect(checkContractNumber(bad)).toEqual({ ok: false, reason: 'FORMAT' });
    }
  });

  it('refuses serials outside the sequence range', () => {
    expect(() => contractNumberFromSerial(SERIAL_MIN - 1n)).toThrow();
    expect(() => contractNumberFromSerial(SERIAL_MAX + 1n)).toThrow();
  });

  it('property: exactly one of the ten check digits is valid', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: SERIAL_MIN, max: SERIAL_MAX }), (s) => {
        const body = s.toString();
        const valid = [...'0123456789'].filter((d) => checkContractNumber(body + d).ok);
        expect(valid).toEqual([String(dammCheckDigit(body))]);
      }),
    );
  });
});
