import { afterEach, describe, expect, it, vi } from 'vitest';
import { jointVentureRegisteredMail, type RegisteredJointVenture } from '@/domain/joint-ventures/mail-texts';
import { JOINT_VENTURE_KIND_LABEL, JOINT_VENTURE_MODE_LABEL } from '@/domain/labels';

/** 「共同企業体登録のお知らせ」 (issue 16 B8): the 代表者's and the 構成員's words for the same registration. */

const jv: RegisteredJointVenture = {
  name: '〇〇・△△特定建設工事共同企業体',
  kind: 'SPECIFIC',
  mode: 'JOINT',
  formedOn: '2026-04-01',
  members: [
    { name: '株式会社〇〇建設', role: 'REPRESENTATIVE', shareBasisPoints: 6000 },
    { name: '株式会社△△工務店', role: 'MEMBER', shareBasisPoints: 3334 },
    { name: '□□土木株式会社', role: 'MEMBER', shareBasisPoints: 666 },
  ],
  suretyName: '東日本建設業保証株式会社',
};

const representative = () => jointVentureRegisteredMail(jv, { companyName: '株式会社〇〇建設', role: 'REPRESENTATIVE' });
const member = () => jointVentureRegisteredMail(jv, { companyName: '株式会社△△工務店', role: 'MEMBER' });

afterEach(() => vi.unstubAllEnvs());

describe('共同企業体登録のお知らせ', () => {
  it('one subject for every member: the JV by its name, on one line', () => {
    expect(representative().subject).toBe('共同企業体登録のお知らせ（〇〇・△△特定建設工事共同企業体）');
    expect(member().subject).toBe(representative().subject);
  });

  it('both name the company addressed, the JV, its 種類 and 施工方式, 結成日 and every member with its share, 代表者 first', () => {
    for (const [mail, addressee] of [
      [representative(), '株式会社〇〇建設 様'],
      [member(), '株式会社△△工務店 様'],
    ] as const) {
      expect(mail.bodyText.split('\n')[0]).toBe(addressee);
      expect(mail.bodyText).toContain('東日本建設業保証株式会社です。');
      expect(mail.bodyText).toContain('共同企業体：〇〇・△△特定建設工事共同企業体');
      expect(mail.bodyText).toContain(JOINT_VENTURE_KIND_LABEL.SPECIFIC);
      expect(mail.bodyText).toContain(JOINT_VENTURE_MODE_LABEL.JOINT);
      expect(mail.bodyText).toContain('結成日　　：令和8年4月1日');
      const lines = mail.bodyText.split('\n');
      const at = lines.indexOf('構成員と出資比率：');
      expect(lines.slice(at + 1, at + 4)).toEqual(['　代表者　株式会社〇〇建設　60％', '　構成員　株式会社△△工務店　33.34％', '　構成員　□□土木株式会社　6.66％']);
    }
    // No 結成日 recorded: no line for it.
    expect(jointVentureRegisteredMail({ ...jv, formedOn: null }, { companyName: 'x', role: 'MEMBER' }).bodyText).not.toContain('結成日');
  });

  it('the 代表者 is told it may apply as 代表者 and where; not the 構成員’s words', () => {
    const body = representative().bodyText;
    expect(body).toContain('貴社を代表者とする共同企業体');
    expect(body).toContain('代表者として保証を申し込めます');
    expect(body).toContain('「この共同企業体で保証を申し込む」');
    expect(body).not.toContain('保証工事一覧');
    expect(body).not.toContain('貴社が構成員である');
  });

  it('a 構成員 is told its 保証工事一覧 will show the JV’s guarantees once concluded, and that the 代表者 handles the application, key and premiums', () => {
    const body = member().bodyText;
    expect(body).toContain('貴社が構成員である共同企業体');
    expect(body).toContain('保証が締結されると、貴社の「保証工事一覧」に表示され');
    expect(body).toContain('保証の申込み、認証キーの表示・発注者への提出、保証料のお手続きは代表者（株式会社〇〇建設）が行います。');
    expect(body).not.toContain('申し込めます');
    expect(body).not.toContain('この共同企業体で保証を申し込む');
  });

  it('says where to sign in and where the JVs are listed (PORTAL_URL), with no key and no link carrying a token', () => {
    vi.stubEnv('PORTAL_URL', 'https://portal.example.jp/');
    for (const mail of [representative(), member()]) {
      expect(mail.bodyText).toMatch(/^共同企業体の一覧：https:\/\/portal\.example\.jp\/contractor\/joint-ventures$/m);
      expect(mail.bodyText).toMatch(/^ログイン画面　　：https:\/\/portal\.example\.jp\/login$/m);
      // Every address in it is one of those two: no query, no token.
      expect(mail.bodyText.match(/https?:\/\/\S+/g)).toEqual(['https://portal.example.jp/contractor/joint-ventures', 'https://portal.example.jp/login']);
      // No key: no 「認証キー：」 line, nothing shaped like one (10 letters and digits, printed 4-4-2).
      expect(mail.bodyText).not.toMatch(/認証キー\s*[：:]/);
      expect(mail.bodyText).not.toMatch(/\b[A-Z2-9]{4}[-\s]?[A-Z2-9]{4}[-\s]?[A-Z2-9]{2}\b/);
    }
  });
});
