import type { ReactNode } from 'react';
import { requirePageActor } from '@/auth/guards';
import { PortalHeader } from '@/components/portal-header';

export default async function Layout({ children }: { children: ReactNode }) {
  const actor = await requirePageActor('contractor');
  return (
    <>
      <PortalHeader actor={actor} side="contractor" />
      <main id="main" className="content">
        {children}
      </main>
    </>
  );
}
