/** Sign-in budgets (decision 005): pure, so that the browser tests read the same figures. */
export interface ThrottlePolicy {
  accountAttempts: number;
  addressAttempts: number;
  windowSeconds: number;
}

export const SIGN_IN_POLICY: ThrottlePolicy = { accountAttempts: 5, addressAttempts: 30, windowSeconds: 15 * 60 };
