import { z } from 'zod';
import { formatCidr, networkOf, parseCidr, parseIp } from '@/lib/cidr';
import { toHalfWidth } from '@/lib/normalize';
import { CONTROL_CHARACTER_MESSAGE, hasControlCharacters } from '@/lib/text';

/**
 * The officers' form for a known gateway range (decision 041), shared by the page (checked in the
 * browser) and the action and use case (authoritative). Japanese messages live here.
 */
export const GATEWAY_MODES = ['BUDGET', 'EXEMPT'] as const;
export type GatewayMode = (typeof GATEWAY_MODES)[number];

/** The narrowest prefix accepted: a range wider than a /16 (IPv4) or a /32 (IPv6) is no gateway. */
export const MIN_PREFIX = { 4: 16, 6: 32 } as const;
export const MAX_FAILURES_PER_HOUR = 100_000;

export const GATEWAY_MESSAGES = {
  nameRequired: '名称を入力してください。',
  nameTooLong: '名称は100文字以内で入力してください。',
  nameControl: `名称に${CONTROL_CHARACTER_MESSAGE}`,
  cidrRequired: 'アドレス範囲を入力してください。',
  cidrFormat: 'アドレス範囲は 203.0.113.0/24 や 2001:db8:1::/48 の形で入力してください。',
  cidrPrefix: `/ の後の数字（プレフィックス長）は、IPv4 では ${MIN_PREFIX[4]}〜32、IPv6 では ${MIN_PREFIX[6]}〜128 で入力してください。`,
  cidrHostBits: (network: string | null) => `範囲は先頭のアドレスで入力してください${network ? `（この場合は ${network}）` : ''}。`,
  cidrTaken: 'このアドレス範囲はすでに登録されています。',
  modeRequired: '扱いを選択してください。',
  failuresRequired: '1時間あたりの上限を入力してください。',
  confirmRemove: '削除する場合は、確認の欄にチェックを入れてください。',
  failuresRange: `1時間あたりの上限は 1〜${MAX_FAILURES_PER_HOUR.toLocaleString('ja-JP')} の整数で入力してください。`,
} as const;

const M = GATEWAY_MESSAGES;

/** For a range written with host bits set: the range it meant (192.0.2.1/24 → 192.0.2.0/24), when that is plain. */
function networkText(value: string): string | null {
  const [addressText = '', prefixText = ''] = value.split('/');
  const address = parseIp(addressText);
  const prefix = Number(prefixText);
  if (!address || !Number.isInteger(prefix) || prefix < 0 || prefix > (address.family === 4 ? 32 : 128)) return null;
  return formatCidr(networkOf(address, prefix));
}

/** The range as typed (全角 accepted) → its usual text, or a field error that says what to fix. */
const cidr = z
  .string({ error: M.cidrRequired })
  .transform((value) => toHalfWidth(value).replace(/\s+/g, ''))
  .transform((value, ctx) => {
    if (value === '') {
      ctx.addIssue({ code: 'custom', message: M.cidrRequired });
      return z.NEVER;
    }
    const parsed = parseCidr(value);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.error === 'prefix' ? M.cidrPrefix : parsed.error === 'host-bits' ? M.cidrHostBits(networkText(value)) : M.cidrFormat });
      return z.NEVER;
    }
    if (parsed.cidr.prefix < MIN_PREFIX[parsed.cidr.family]) {
      ctx.addIssue({ code: 'custom', message: M.cidrPrefix });
      return z.NEVER;
    }
    return formatCidr(parsed.cidr);
  });

/** A whole number typed with 全角 digits or thousands separators is the same number. */
const failures = z
  .union([z.number(), z.string(), z.null()])
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || value === null) return null;
    const text = typeof value === 'number' ? String(value) : toHalfWidth(value).replace(/[,，]/g, '');
    if (text === '') return null;
    if (!/^\d{1,7}$/.test(text) || Number(text) < 1 || Number(text) > MAX_FAILURES_PER_HOUR) {
      ctx.addIssue({ code: 'custom', message: M.failuresRange });
      return z.NEVER;
    }
    return Number(text);
  });

export const gatewayRangeSchema = z
  .object({
    name: z
      .string({ error: M.nameRequired })
      .trim()
      .min(1, M.nameRequired)
      .max(100, M.nameTooLong)
      .refine((v) => !hasControlCharacters(v), M.nameControl),
    cidr,
    mode: z.enum(GATEWAY_MODES, { error: M.modeRequired }),
    failuresPerHour: failures,
  })
  .superRefine((value, ctx) => {
    if (value.mode === 'BUDGET' && value.failuresPerHour === null) ctx.addIssue({ code: 'custom', path: ['failuresPerHour'], message: M.failuresRequired });
  })
  .transform((value) => ({ ...value, failuresPerHour: value.mode === 'BUDGET' ? value.failuresPerHour : null }));

export type GatewayRangeInput = z.input<typeof gatewayRangeSchema>;
export type GatewayRangeValues = z.output<typeof gatewayRangeSchema>;
