import Link from 'next/link';
import type { DescribedRecord } from '@/domain/records/describe-records';
import { formatListDate } from '@/lib/dates';
import { RECORD_LABELS as L } from './record-labels';

/**
 * A record an audit row or a queued mail points at, as the officers know it, with a link to the page
 * where it is seen: 「保証 1000000047（〇〇下水道管渠工事）」, 「アカウント 建設 一郎（maru01）」…
 * Nothing is shown for a reference to no record (`—`).
 */
export function RecordLink({ record }: { record: DescribedRecord | undefined }) {
  if (!record) return <>{L.none}</>;
  if ('gone' in record) return <>{`${L.type[record.type]}${L.gone}`}</>;
  switch (record.type) {
    case 'guarantee':
      return <Named type={L.type.guarantee} href={`/admin/guarantees/${record.number}`} name={record.number} detail={record.projectName} />;
    case 'application':
      return (
        <Named
          type={L.type.application}
          href={`/admin/applications/${record.id}`}
          name={record.projectName ?? L.untitledApplication}
          detail={record.number ? L.number(record.number) : null}
        />
      );
    case 'user':
      return <Named type={L.type.user} href={`/admin/users/${record.id}`} name={record.name} detail={record.loginId} />;
    case 'organization':
      return (
        <Named
          type={L.organization[record.kind]}
          href={record.kind === 'CONTRACTOR' ? `/admin/contractors/${record.id}` : record.kind === 'ORDERER' ? `/admin/orderers/${record.id}` : null}
          name={record.name}
        />
      );
    case 'department':
      return (
        <Named
          type={L.type.department}
          href={`/admin/orderers/${record.organizationId}/departments/${record.id}`}
          name={record.name}
          detail={record.organizationName}
        />
      );
    case 'premiumRateTable':
      return <Named type={L.type.premiumRateTable} href={`/admin/premium-rates/${record.id}`} name={L.rateTable(record.guaranteeKind, formatListDate(record.effectiveFrom))} />;
    case 'gatewayRange':
      return <Named type={L.type.gatewayRange} href={`/admin/gateways/${record.id}`} name={record.name} detail={record.cidr} />;
    case 'jointVenture':
      return <Named type={L.type.jointVenture} href={`/admin/joint-ventures/${record.id}`} name={record.name} />;
    case 'certification':
      return <Named type={L.type.certification} href={`/admin/certifications/${record.id}`} name={record.projectName} detail={record.number} />;
    case 'apiToken':
      return <Named type={L.type.apiToken} href={`/admin/orderers/${record.organizationId}`} name={record.name} detail={record.organizationName} />;
    case 'outboxMail':
      return <Named type={L.type.outboxMail} href={`/admin/outbox/${record.id}`} name={record.subject} />;
    case 'rateLimit':
      return <Named type={L.type.rateLimit} href="/admin/lookups" name={L.lookups} />;
    case 'retention':
      return <Named type={L.type.retention} href={null} name={L.retention} />;
  }
}

function Named({ type, href, name, detail }: { type: string; href: string | null; name: string; detail?: string | null }) {
  return (
    <>
      <span className="muted">{type}</span> {href ? <Link href={href}>{name}</Link> : name}
      {detail ? `（${detail}）` : null}
    </>
  );
}
