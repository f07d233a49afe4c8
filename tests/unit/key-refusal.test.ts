import { describe, expect, it } from 'vitest';
import { keyRefusal } from '@/domain/guarantees/messages';

describe('keyRefusal: why the 認証キー is no longer to be submitted', () => {
  it('nothing for a guarantee in force', () => {
    expect(keyRefusal({ status: 'ACTIVE', guaranteeEnd: '2027-03-31', cancelledOn: null })).toBeNull();
  });

  it('解除: the 解除日 (without one, still the reason); 期間満了: the end of the 保証期間; both name what is withheld', () => {
    const cancelled = keyRefusal({ status: 'CANCELLED', guaranteeEnd: '2027-03-31', cancelledOn: '2026-12-05' })!;
    expect(cancelled).toMatch(/^この保証契約は 2026\/12\/05 付けで解除されたため、認証キーを発注者へ提出することはできません。/);
    expect(keyRefusal({ status: 'CANCELLED', guaranteeEnd: '2027-03-31', cancelledOn: null })).toMatch(/^この保証契約は解除されたため/);
    const expired = keyRefusal({ status: 'EXPIRED', guaranteeEnd: '2026-09-30', cancelledOn: null })!;
    expect(expired).toMatch(/^この保証は保証期間（至）2026\/09\/30 を過ぎて期間満了となったため/);
    for (const reason of [cancelled, expired]) expect(reason).toContain('ダウンロード・発注者への送信・認証キーの再発行はできません');
  });
});
