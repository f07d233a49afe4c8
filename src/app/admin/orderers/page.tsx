import type { Metadata } from 'next';
import { OrganizationList } from '../_components/organization-list';
import { COMMON_LABELS as C, ORDERER_LABELS as L } from '../labels';

export const metadata: Metadata = { title: L.listMeta };

export default function OrderersPage({ searchParams }: PageProps<'/admin/orderers'>) {
  return (
    <OrganizationList
      kind="ORDERER"
      basePath="/admin/orderers"
      searchParams={searchParams}
      labels={L}
      columns={[
        { header: L.columns.certificateName, cell: (row) => row.certificateName ?? C.none },
        { header: L.columns.departments, className: 'num', cell: (row) => C.count(row._count.departments) },
      ]}
    />
  );
}
