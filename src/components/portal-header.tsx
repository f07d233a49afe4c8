import Link from 'next/link';
import { signOutAction } from '@/actions/auth-actions';
import type { Side } from '@/auth/guards';
import type { Actor } from '@/domain/actor';
import { NAV, SIDE_TITLE } from './nav-labels';
import { NavLinks } from './nav-links';

/** The header of every signed-in page: organisation 様, the user, the side's navigation, ログアウト. */
export function PortalHeader({ actor, side }: { actor: Actor; side: Side }) {
  const honorific = side === 'admin' ? '' : ' 様';
  return (
    <header className="portal-header" data-print-hide="">
      <div className="header-top">
        <Link href={`/${side}`} className="brand">
          電子保証ポータル <span className="side-title">{SIDE_TITLE[side]}</span>
        </Link>
        <div className="who">
          <span className="org" data-testid="header-organization">
            {actor.organizationName}
            {honorific}
          </span>
          {actor.departmentName ? <span className="dept">{actor.departmentName}</span> : null}
          <span className="user" data-testid="header-user">
            {actor.name}
          </span>
          <form action={signOutAction}>
            <button type="submit" className="button small">
              ログアウト
            </button>
          </form>
        </div>
      </div>
      <NavLinks items={NAV[side]} />
    </header>
  );
}
