import type { Metadata } from 'next';
import { OrganizationList } from '../_components/organization-list';
import { COMMON_LABELS as C, CONTRACTOR_LABELS as L } from '../labels';

export const metadata: Metadata = { title: L.listMeta };

export default function ContractorsPage({ searchParams }: PageProps<'/admin/contractors'>) {
  return (
    <OrganizationList
      kind="CONTRACTOR"
      basePath="/admin/contractors"
      searchParams={searchParams}
      labels={L}
      columns={[
        { header: L.columns.address, cell: (row) => row.address ?? C.none },
        { header: L.columns.users, className: 'num', cell: (row) => C.count(row._count.users) },
      ]}
    />
  );
}
