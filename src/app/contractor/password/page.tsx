import { PasswordPage, passwordMetadata } from '@/app/_components/password-page';

export const metadata = passwordMetadata;
export default function ContractorPasswordPage() {
  return <PasswordPage side="contractor" />;
}
