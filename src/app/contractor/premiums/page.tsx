import type { Metadata } from 'next';
import Link from 'next/link';
import { Pagination } from '@/app/admin/_components/pagination';
import { pageParam } from '@/app/admin/_components/params';
import { requirePageActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { listContractorPremiums } from '@/domain/guarantees/documents';
import { GUARANTEE_LABELS as L } from '../guarantees/labels';

export const metadata: Metadata = { title: L.premiumsMeta };

export default async function PremiumsPage({ searchParams }: PageProps<'/contractor/premiums'>) {
  const actor = await requirePageActor('contractor');
  const list = await listContractorPremiums(await getDb(), actor, { page: pageParam(await searchParams) });
  return (
    <>
      <h1>{L.premiumsTitle}</h1>
      <p className="lead">{L.premiumsLead}</p>
      <p className="muted">{L.invoiceNote}</p>
      <p>
        <Link href="/contractor/guarantees">{L.backToList}</Link>
      </p>
      {list.rows.length === 0 ? (
        <p className="empty">{L.noPremiums}</p>
      ) : (
        <div className="table-wrap">
          <table className="table wide">
            <caption className="visually-hidden">{L.premiumsTitle}</caption>
            <thead>
              <tr>
                <th scope="col">{L.premiumColumns.number}</th>
                <th scope="col">{L.premiumColumns.kind}</th>
                <th scope="col">{L.premiumColumns.orderer}</th>
                <th scope="col">{L.premiumColumns.project}</th>
                <th scope="col" className="num">
                  {L.premiumColumns.premium}
                </th>
                <th scope="col">{L.premiumColumns.documents}</th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((row) => (
                <tr key={row.id}>
                  <th scope="row">
                    <Link href={`/contractor/guarantees/${row.number}`}>{row.number}</Link>
                  </th>
                  <td>{L.kindShort[row.kind]}</td>
                  <td>{row.orderer.certificateName ?? row.orderer.name}</td>
                  <td>{row.projectName}</td>
                  <td className="num">{row.premiumYen.toLocaleString('ja-JP')}</td>
                  <td>
                    <ul className="plain">
                      {row.premiumDocuments
                        .filter((d) => d.kind === 'CALCULATION')
                        .map((d) => (
                          <li key={d.id}>
                            <a href={`/contractor/guarantees/${row.number}/premium/${d.id}`} aria-label={L.calculationDocFor(row.number)} download>
                              {L.calculationDoc}
                            </a>
                          </li>
                        ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={list.page} pageCount={list.pageCount} total={list.total} basePath="/contractor/premiums" query={{}} />
    </>
  );
}
