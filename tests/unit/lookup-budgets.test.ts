import { describe, expect, it } from 'vitest';
import { addressBudgetDefaults } from '@/config/budgets';
import { SIGN_IN_POLICY } from '@/domain/auth/policy';
import { signInPolicy } from '@/domain/auth/throttle';
import { addressRuleOf, gatewayRules } from '@/domain/gateways/match';
import { gatewayRangeSchema, GATEWAY_MESSAGES } from '@/domain/gateways/schemas';
import { KEY_SPACE, LOOKUP_POLICY, lookupPolicy, yearlyAttackBound, yearlyGuessProbability } from '@/domain/lookup/policy';

describe('the guessing bound, computed from the policy (decision 041)', () => {
  it('one key: only the named orderer spends its number budget — 5 × 365 tries a year', () => {
    expect(yearlyGuessProbability(LOOKUP_POLICY)).toBeCloseTo(1825 / KEY_SPACE, 20);
    expect(yearlyGuessProbability(LOOKUP_POLICY)).toBeLessThan(1e-9);
  });

  it('an attacker holding one orderer account: at most its account budget a year, however many certificates name its orderer', () => {
    const bound = yearlyAttackBound(LOOKUP_POLICY, { accounts: 1, organizations: 1, certificates: 200_000 });
    expect(bound).toBeCloseTo((10 * 24 * 365) / KEY_SPACE, 20); // 87,600 tries ≈ 1.1 × 10^-10
    expect(bound).toBeLessThan(1e-9);
    // With few certificates, their number budgets bound it first.
    expect(yearlyAttackBound(LOOKUP_POLICY, { accounts: 1, organizations: 1, certificates: 3 })).toBeCloseTo((3 * 1825) / KEY_SPACE, 20);
  });

  it("an attacker holding many accounts: the organisations' budgets bound it, and only certificates naming those organisations are at stake", () => {
    const oneOrganisation = yearlyAttackBound(LOOKUP_POLICY, { accounts: 500, organizations: 1, certificates: 200_000 });
    expect(oneOrganisation).toBeCloseTo((50 * 24 * 365) / KEY_SPACE, 20); // 438,000 tries ≈ 5.3 × 10^-10
    expect(oneOrganisation).toBeLessThan(1e-9);
    const twentyOrganisations = yearlyAttackBound(LOOKUP_POLICY, { accounts: 500, organizations: 20, certificates: 200_000 });
    expect(twentyOrganisations).toBeCloseTo((20 * 50 * 24 * 365) / KEY_SPACE, 20); // ≈ 1.1 × 10^-8
    // Never above every certificate's own budget spent in full (the bound before decision 041).
    expect(yearlyAttackBound(LOOKUP_POLICY, { accounts: 1e6, organizations: 1e4, certificates: 200_000 })).toBeCloseTo((200_000 * 1825) / KEY_SPACE, 20);
  });
});

describe('address budgets: configuration and gateway ranges', () => {
  it('the defaults are 30, 30 and an exempt range\'s sign-in ceiling of 300; the environment changes them; a malformed value is refused with its name', () => {
    expect(addressBudgetDefaults({})).toEqual({ lookupPerHour: 30, signInPer15Minutes: 30, signInExemptRangePer15Minutes: 300 });
    expect(
      addressBudgetDefaults({ LOOKUP_ADDRESS_FAILURES_PER_HOUR: ' 300 ', SIGN_IN_ADDRESS_FAILURES_PER_15_MINUTES: '60', SIGN_IN_EXEMPT_RANGE_FAILURES_PER_15_MINUTES: '500' }),
    ).toEqual({ lookupPerHour: 300, signInPer15Minutes: 60, signInExemptRangePer15Minutes: 500 });
    expect(lookupPolicy({ LOOKUP_ADDRESS_FAILURES_PER_HOUR: '120' })).toEqual({ ...LOOKUP_POLICY, addressFailures: 120 });
    expect(signInPolicy({})).toEqual({ accountAttempts: 5, addressAttempts: 30, exemptRangeAttempts: 300, windowSeconds: 900 });
    expect(signInPolicy({ SIGN_IN_ADDRESS_FAILURES_PER_15_MINUTES: '60', SIGN_IN_EXEMPT_RANGE_FAILURES_PER_15_MINUTES: '120' })).toEqual({ ...SIGN_IN_POLICY, addressAttempts: 60, exemptRangeAttempts: 120 });
    for (const name of ['SIGN_IN_ADDRESS_FAILURES_PER_15_MINUTES', 'SIGN_IN_EXEMPT_RANGE_FAILURES_PER_15_MINUTES']) {
      for (const bad of ['0', '-1', '1.5', 'abc', '10000000', '1e3']) expect(() => addressBudgetDefaults({ [name]: bad })).toThrow(new RegExp(name));
    }
  });

  const rules = gatewayRules([
    { id: 'pref', cidr: '198.51.100.0/24', mode: 'BUDGET', failuresPerHour: 300 },
    { id: 'office', cidr: '198.51.100.64/26', mode: 'EXEMPT', failuresPerHour: null },
    { id: 'v6', cidr: '2001:db8:5::/48', mode: 'BUDGET', failuresPerHour: 100 },
  ]);

  it('an address follows the most specific range that holds it; IPv4-mapped addresses as IPv4; others their own budget', () => {
    expect(addressRuleOf(rules, '198.51.100.70')).toEqual({ kind: 'exempt', rangeId: 'office' });
    expect(addressRuleOf(rules, '198.51.100.7')).toEqual({ kind: 'range', rangeId: 'pref', failuresPerHour: 300 });
    expect(addressRuleOf(rules, '::ffff:198.51.100.7')).toEqual({ kind: 'range', rangeId: 'pref', failuresPerHour: 300 });
    expect(addressRuleOf(rules, '2001:db8:5:1::9')).toEqual({ kind: 'range', rangeId: 'v6', failuresPerHour: 100 });
    expect(addressRuleOf(rules, '198.51.101.7')).toEqual({ kind: 'address', key: '198.51.101.7' });
    expect(addressRuleOf(rules, '::ffff:198.51.101.7')).toEqual({ kind: 'address', key: '198.51.101.7' });
    expect(addressRuleOf(rules, '2001:db8:6:1:2:3:4:5')).toEqual({ kind: 'address', key: '2001:db8:6:1::/64' });
    expect(addressRuleOf(rules, 'unknown')).toEqual({ kind: 'address', key: 'unknown' });
    expect(addressRuleOf(rules, null)).toEqual({ kind: 'none' });
  });

  it('the form: a range is read as typed (全角, spaces) and kept in its usual text; a bad one is a field error', () => {
    const parse = (fields: Record<string, unknown>) => gatewayRangeSchema.safeParse({ name: '県', mode: 'EXEMPT', ...fields });
    expect(parse({ cidr: ' １０.１.０.０ / １６ ' })).toMatchObject({ success: true, data: { cidr: '10.1.0.0/16', failuresPerHour: null } });
    const message = (fields: Record<string, unknown>) => {
      const r = parse(fields);
      return r.success ? null : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(message({ cidr: '10.0.0.0/33' })).toEqual([`cidr: ${GATEWAY_MESSAGES.cidrPrefix}`]);
    expect(message({ cidr: '10.0.0.0/8' })).toEqual([`cidr: ${GATEWAY_MESSAGES.cidrPrefix}`]); // wider than a /16
    expect(message({ cidr: '2001::/16' })).toEqual([`cidr: ${GATEWAY_MESSAGES.cidrPrefix}`]);
    expect(message({ cidr: '10.1.2.3/16' })).toEqual([`cidr: ${GATEWAY_MESSAGES.cidrHostBits('10.1.0.0/16')}`]);
    expect(message({ cidr: 'gateway.example.jp' })).toEqual([`cidr: ${GATEWAY_MESSAGES.cidrFormat}`]);
    expect(message({ cidr: '' })).toEqual([`cidr: ${GATEWAY_MESSAGES.cidrRequired}`]);
    expect(message({ cidr: '10.1.0.0/16', mode: 'BUDGET' })).toEqual([`failuresPerHour: ${GATEWAY_MESSAGES.failuresRequired}`]);
    expect(message({ cidr: '10.1.0.0/16', mode: 'BUDGET', failuresPerHour: '0' })).toEqual([`failuresPerHour: ${GATEWAY_MESSAGES.failuresRange}`]);
    expect(parse({ cidr: '10.1.0.0/16', mode: 'BUDGET', failuresPerHour: '１，０００' })).toMatchObject({ success: true, data: { failuresPerHour: 1000 } });
  });
});
