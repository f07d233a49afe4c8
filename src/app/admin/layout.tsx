import type { ReactNode } from 'react';
import { requirePageActor } from '@/auth/guards';
import { PortalHeader } from '@/components/portal-header';

export default async function Layout({ children }: { children: ReactNode }) {
  const actor = await requirePageActor('admin');
  return (
    <>
      <PortalHeader actor={actor} side="admin" />
      <main id="main" className="content">
        {children}
      </main>
    </>
  );
}
