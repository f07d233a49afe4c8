import Link from 'next/link';
import type { ReactNode } from 'react';
import { ListTable } from '@/components/list-table';
import type { JointVentureView } from '@/domain/joint-ventures/queries';
import { formatShare } from '@/domain/joint-ventures/rules';
import { JOINT_VENTURE_KIND_SHORT, JOINT_VENTURE_MODE_SHORT } from '@/domain/labels';
import { dbDateToIso } from '@/lib/dates';
import { JOINT_VENTURE_LIST_LABELS as L } from './joint-venture-labels';

type Row = Pick<JointVentureView, 'id' | 'name' | 'kind' | 'mode' | 'closedOn' | 'members'>;

/** 結成中, or 解散（令和9年3月31日）. */
export function jointVentureStatus(closedOn: Date | null): string {
  return closedOn ? L.closed(dbDateToIso(closedOn)) : L.active;
}

const memberText = (m: Row['members'][number]) => L.member(m.organization.name, formatShare(m.shareBasisPoints));

/**
 * A list of 共同企業体 (the officers', with a link to each; a contractor's, read-only): name, kind, mode,
 * 代表者 and 構成員 with their shares, and whether it is dissolved. Cards on a phone (decision 047).
 */
export function JointVentureTable({
  rows,
  href,
  empty,
  pagination,
  action,
}: {
  rows: readonly Row[];
  /** Where a JV's name links to; none: the name alone. */
  href?: (row: Row) => string;
  empty: ReactNode;
  pagination?: Parameters<typeof ListTable>[0]['pagination'];
  /** A last column of what the reader can do with the JV (the contractor's 「この共同企業体で保証を申し込む」). */
  action?: { header: string; cell: (row: Row) => ReactNode };
}) {
  return (
    <ListTable
      columns={[
        { header: L.columns.name, rowHeader: true, grow: true, cell: (row) => (href ? <Link href={href(row)}>{row.name}</Link> : row.name) },
        { header: L.columns.kind, cell: (row) => JOINT_VENTURE_KIND_SHORT[row.kind] },
        { header: L.columns.mode, cell: (row) => JOINT_VENTURE_MODE_SHORT[row.mode] },
        {
          header: L.columns.representative,
          primary: true,
          grow: true,
          cell: (row) => row.members.filter((m) => m.role === 'REPRESENTATIVE').map(memberText).join('、'),
        },
        {
          header: L.columns.members,
          grow: true,
          cell: (row) => (
            <ul className="plain">
              {row.members
                .filter((m) => m.role === 'MEMBER')
                .map((m) => (
                  <li key={m.organizationId}>{memberText(m)}</li>
                ))}
            </ul>
          ),
        },
        { header: L.columns.status, cell: (row) => jointVentureStatus(row.closedOn) },
        ...(action ? [action] : []),
      ]}
      rows={rows}
      rowKey={(row) => row.id}
      empty={empty}
      pagination={pagination}
    />
  );
}
