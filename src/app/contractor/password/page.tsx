import type { Metadata } from 'next';
import { requirePageActor } from '@/auth/guards';
import { PasswordChangeForm } from '@/components/password-change-form';

export const metadata: Metadata = { title: 'パスワード変更 | 電子保証ポータル' };

export default async function PasswordPage() {
  await requirePageActor('contractor');
  return (
    <>
      <h1>パスワード変更</h1>
      <p className="lead">変更すると、ほかの端末を含むすべてのログインが終了します。新しいパスワードでログインし直してください。</p>
      <PasswordChangeForm />
    </>
  );
}
