import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { currentActor } from '@/auth/guards';
import { landingPath, RETURN_PARAM, sidePath } from '@/domain/auth/return-path';
import { LOGIN_LABELS as L } from './labels';
import { LoginForm } from './login-form';

export const metadata: Metadata = { title: 'ログイン | 電子保証ポータル' };

export default async function LoginPage({ searchParams }: PageProps<'/login'>) {
  const params = await searchParams;
  // The page of a side the user was sent here from (src/proxy.ts): signing in comes back to it.
  const asked = params[RETURN_PARAM];
  const returnTo = sidePath(Array.isArray(asked) ? asked[0] : asked);
  const actor = await currentActor();
  if (actor) redirect(landingPath(actor.role, returnTo));
  return (
    <main id="main" className="login-page">
      <div className="login-card">
        <p className="brand-large">電子保証ポータル</p>
        <h1>{L.title}</h1>
        <p className="lead">{L.lead}</p>
        {params.signedOut || params.passwordChanged ? (
          <p className="form-message success" role="status">
            {params.passwordChanged ? L.passwordChanged : L.signedOut}
          </p>
        ) : null}
        <LoginForm returnTo={returnTo} />
      </div>
    </main>
  );
}
