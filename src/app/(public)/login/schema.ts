import { z } from 'zod';
import { LOGIN_LABELS } from './labels';

export const loginSchema = z.object({
  loginId: z.string({ error: LOGIN_LABELS.loginIdRequired }).trim().min(1, LOGIN_LABELS.loginIdRequired).max(200),
  password: z.string({ error: LOGIN_LABELS.passwordRequired }).min(1, LOGIN_LABELS.passwordRequired).max(1000),
});
