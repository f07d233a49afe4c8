/** The surety of the demo data, its issuer block as printed on the flyer's certificate. */
export const DEMO_ISSUER = {
  address: '大阪市西成区立売堀2丁目1番2号',
  companyName: '西日本建設業保証株式会社',
  representativeTitle: '取締役社長',
  representativeName: '藤田 一',
  termsUrl: 'https://www.wjcs.net/',
};

/** The branch the flyer names as 取次場所. */
export const DEMO_BRANCH = { name: '大阪支店', address: '大阪市西成区立売堀2丁目1番2号', tel: '06-6543-2711', fax: '0120-304160' };

/** createSurety's input for the demo surety (also used by the benches). */
export const DEMO_SURETY = {
  name: '西日本建設業保証株式会社',
  issuer: DEMO_ISSUER,
  branches: [{ ...DEMO_BRANCH, isDefault: true }],
};
