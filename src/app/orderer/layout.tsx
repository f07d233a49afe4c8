import type { ReactNode } from 'react';
import { requirePageActor } from '@/auth/guards';
import { PortalHeader } from '@/components/portal-header';

export default async function Layout({ children }: { children: ReactNode }) {
  const actor = await requirePageActor('orderer');
  return (
    <>
      <PortalHeader actor={actor} side="orderer" />
      <main id="main" className="content">
        {children}
      </main>
    </>
  );
}
