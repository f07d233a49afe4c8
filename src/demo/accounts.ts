/** The demo accounts `npm start` creates and prints (README lists the same). Demo only. */
export const DEMO_PASSWORD = 'demo-pass-2026';

export const DEMO_ACCOUNTS = [
  { loginId: 'admin', name: '保証 太郎', role: 'ADMIN', organization: '西日本建設業保証株式会社', email: 'admin@wjcs.example.jp' },
  { loginId: 'officer2', name: '審査 花子', role: 'ADMIN', organization: '西日本建設業保証株式会社', email: 'officer2@wjcs.example.jp' },
  { loginId: 'maru01', name: '建設 一郎', role: 'CONTRACTOR', organization: '株式会社〇〇建設', email: 'maru01@maru-kensetsu.example.jp' },
  { loginId: 'maru02', name: '建設 二郎', role: 'CONTRACTOR', organization: '株式会社〇〇建設', email: 'maru02@maru-kensetsu.example.jp' },
  { loginId: 'sankaku01', name: '工務 三郎', role: 'CONTRACTOR', organization: '株式会社△△工務店', email: 'sankaku01@sankaku-koumuten.example.jp' },
  { loginId: 'omura01', name: '大村 契約', role: 'ORDERER', organization: '大村市', department: '財政部契約課', email: 'omura01@city.omura.example.jp' },
  { loginId: 'ken01', name: '県 土木', role: 'ORDERER', organization: '〇〇県', department: '土木部監理課', email: 'ken01@pref.example.jp' },
  { loginId: 'doboku01', name: '大村 土木', role: 'ORDERER', organization: '大村市', department: '都市整備部土木課', email: 'doboku01@city.omura.example.jp' },
] as const;

export type DemoLoginId = (typeof DEMO_ACCOUNTS)[number]['loginId'];
