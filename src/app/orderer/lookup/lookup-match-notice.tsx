import Link from 'next/link';
import type { LookupMatchNotice } from '@/domain/contracts/match-at-lookup';
import { LOOKUP_MATCH_NOTICE as T } from '@/domain/contracts/lookup-match-labels';
import { MATCH_KIND_LABEL } from '@/domain/contracts/match-labels';

/** The certificate's page after a lookup with a 契約番号: matched, already matched, or why not (decision 072 amended). */
export function LookupMatchNoticeView({ notice }: { notice: LookupMatchNotice }) {
  const n = notice.contractNumber;
  const good = notice.outcome === 'matched' || notice.outcome === 'already';
  const text =
    notice.outcome === 'contractTaken'
      ? T.contractTaken(n, notice.otherGuaranteeNumber, MATCH_KIND_LABEL[notice.kind])
      : notice.outcome === 'guaranteeTaken'
        ? T.guaranteeTaken(n, notice.otherContractNumber)
        : T[notice.outcome](n);
  return (
    <div className={`notice ${good ? 'ok' : 'warn'}`} role={good ? 'status' : 'alert'} id="lookup-match-notice">
      <p>{text}</p>
      <p>
        <Link href={`/orderer/contracts/${notice.contractId}`}>{T.toContract(n)}</Link>
        {notice.otherContractId && notice.otherContractNumber ? (
          <>
            {' '}
            <Link href={`/orderer/contracts/${notice.otherContractId}`}>{T.toContract(notice.otherContractNumber)}</Link>
          </>
        ) : null}
      </p>
      {good ? null : <p>{T.howToChange}</p>}
    </div>
  );
}
