import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { currentActor, HOME_OF_ROLE } from '@/auth/guards';
import { LOGIN_LABELS as L } from './labels';
import { LoginForm } from './login-form';

export const metadata: Metadata = { title: 'ログイン | 電子保証ポータル' };

export default async function LoginPage({ searchParams }: PageProps<'/login'>) {
  const actor = await currentActor();
  if (actor) redirect(HOME_OF_ROLE[actor.role]);
  const params = await searchParams;
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
        <LoginForm />
      </div>
    </main>
  );
}
