import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePageActor } from '@/auth/guards';
import { ListTable } from '@/components/list-table';
import { Pagination } from '@/components/pagination';
import { getDb } from '@/db/client';
import { matchReport } from '@/domain/contracts/match-report';
import { pageParam } from '@/lib/search-params';
import { todayInTokyo } from '@/lib/dates';
import { ReportTabs } from '../_components/report-tabs';
import { REPORT_LABELS as L } from '../report-labels';

export const metadata: Metadata = { title: L.meta };

/** Lines a page shows; the CSV has them all. */
const PAGE_LINES = 100;

/** 照合結果の一覧: every finding of every matched contract, one line each, those to act on first (decision 072 amended). */
export default async function ContractReportPage({ searchParams }: PageProps<'/orderer/contracts/report'>) {
  const actor = await requirePageActor('orderer');
  const report = await matchReport(await getDb(), actor, todayInTokyo());
  const pageCount = Math.max(1, Math.ceil(report.lines.length / PAGE_LINES));
  const page = Math.min(pageParam(await searchParams), pageCount);
  const lines = report.lines.slice((page - 1) * PAGE_LINES, page * PAGE_LINES);
  return (
    <>
      <h1>{L.title}</h1>
      <ReportTabs current="report" />
      <p className="lead">{L.lead}</p>
      <p>
        <strong>{L.summary(report.counts)}</strong>
      </p>
      <div className="actions">
        <a href="/orderer/contracts/report/csv" className="button" download aria-describedby="report-csv-hint">
          {L.csv}
        </a>
      </div>
      <p className="muted" id="report-csv-hint">
        {L.csvHint}
      </p>
      <ListTable
        caption={L.caption(actor.organizationName)}
        columns={[
          { header: L.columns.kind, primary: true, cell: (l) => (l.problem ? <strong>{L.findingKind.problem}</strong> : L.findingKind.note) },
          {
            header: L.columns.contractNumber,
            rowHeader: true,
            cell: (l) => (
              <Link href={`/orderer/contracts/${l.contractId}`} aria-label={L.openContract(l.contractNumber)}>
                {l.contractNumber}
              </Link>
            ),
          },
          { header: L.columns.projectName, cell: (l) => l.projectName },
          {
            header: L.columns.guaranteeNumber,
            cell: (l) => (
              <Link href={`/orderer/certificates/${l.guaranteeNumber}`} aria-label={L.openCertificate(l.guaranteeNumber)}>
                {l.guaranteeNumber}
              </Link>
            ),
          },
          { header: L.columns.guaranteeKind, cell: (l) => L.guaranteeKind[l.kind] },
          { header: L.columns.text, primary: true, grow: true, cell: (l) => l.text },
        ]}
        rows={lines}
        rowKey={(l) => `${l.contractId}-${l.code}`}
        empty={report.counts.matched ? L.empty : L.noMatches}
      />
      {pageCount > 1 ? <Pagination page={page} pageCount={pageCount} total={report.lines.length} basePath="/orderer/contracts/report" query={{}} /> : null}
    </>
  );
}
