import { PasswordPage, passwordMetadata } from '@/app/_components/password-page';

export const metadata = passwordMetadata;
export default function AdminPasswordPage() {
  return <PasswordPage side="admin" />;
}
