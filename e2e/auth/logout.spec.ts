import { expect, signIn, test } from '../fixtures';

/**
 * Finding 5 of issue 13: ログアウト ends the session on the server. A copy of the session cookie
 * taken before 「ログアウト」 opened the side's pages until the token's 8-hour expiry; now the session
 * row is deleted at ログアウト (decision 004) and the copy is refused in a fresh browser context.
 */
const SIDES = ['contractor', 'orderer', 'admin'] as const;

for (const side of SIDES) {
  test(`${side}: a session cookie copied before ログアウト is refused after it; another session of the user goes on`, async ({ browser, page, newUser }) => {
    const user = await newUser({ side });
    expect(await signIn(page, user.loginId, user.password)).toBe(`/${side}`);
    // The same user in a second browser: its session must survive the first one's ログアウト.
    const elsewhere = await (await browser.newContext()).newPage();
    await signIn(elsewhere, user.loginId, user.password);

    const copied = await page.context().cookies();
    expect(copied.some((c) => c.name.includes('session-token'))).toBe(true);

    // The copy works while the session is open…
    const thief = await browser.newContext();
    await thief.addCookies(copied);
    const stolen = await thief.newPage();
    await stolen.goto(`/${side}`);
    await expect(stolen).toHaveURL(new RegExp(`/${side}$`));

    await page.getByRole('button', { name: 'ログアウト' }).click();
    await expect(page).toHaveURL(/\/login\?signedOut=1$/);

    // …and not after ログアウト: a new context with the copied cookie is sent to the sign-in page.
    const later = await browser.newContext();
    await later.addCookies(copied);
    const replay = await later.newPage();
    await replay.goto(`/${side}`);
    await expect(replay).toHaveURL(/\/login$/);
    await stolen.goto(`/${side}/password`);
    await expect(stolen).toHaveURL(/\/login$/);

    await elsewhere.goto(`/${side}/password`);
    await expect(elsewhere).toHaveURL(new RegExp(`/${side}/password$`));
    await Promise.all([thief.close(), later.close(), elsewhere.context().close()]);
  });
}
