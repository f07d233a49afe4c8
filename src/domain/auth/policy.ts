/** Sign-in budgets (decision 005): pure, so that the browser tests read the same figures. */
export interface ThrottlePolicy {
  /** Failures per お客様ID in the window. */
  accountAttempts: number;
  /** Failures per client address (IPv6: its /64) in the window. */
  addressAttempts: number;
  /** Failures of all the addresses of a gateway range exempt from the address budget, together, in the window (041). */
  exemptRangeAttempts: number;
  windowSeconds: number;
}

export const SIGN_IN_POLICY: ThrottlePolicy = { accountAttempts: 5, addressAttempts: 30, exemptRangeAttempts: 300, windowSeconds: 15 * 60 };
