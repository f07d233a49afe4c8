import Link from 'next/link';
import { DetailsList } from '@/components/details-list';
import type { ApplicationReviewExtras } from '@/domain/applications/review';
import { JOINT_VENTURE_KIND_SHORT, JOINT_VENTURE_MODE_SHORT, JOINT_VENTURE_ROLE_LABEL } from '@/domain/labels';
import { formatIsoDate } from '@/lib/dates';
import { formatYen } from '@/lib/money';
import { REVIEW_LABELS } from '../labels';

const L = REVIEW_LABELS;
const isoDate = (iso: string | null) => (iso ? formatIsoDate(iso) : L.none);
const yen = (v: bigint) => `${formatYen(v)} 円`;

/**
 * What the officer checks beyond the application's fields (issue 16, B6 申込審査): the JV that applies
 * (its members, shares and the bidding-rule warnings, never a refusal), the 分割預託, and for a
 * 中間前払金 the 認定 it starts from — or that there is none.
 */
export function ReviewExtras({ extras }: { extras: ApplicationReviewExtras }) {
  const { jointVenture: jv, deposits, certification: c } = extras;
  return (
    <>
      {jv ? (
        <section className="panel" aria-labelledby="jv-title">
          <h2 id="jv-title">{L.jointVenture.title(jv.name, JOINT_VENTURE_KIND_SHORT[jv.kind], JOINT_VENTURE_MODE_SHORT[jv.mode])}</h2>
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{L.jointVenture.caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{L.jointVenture.columns.name}</th>
                  <th scope="col">{L.jointVenture.columns.role}</th>
                  <th scope="col" className="num">
                    {L.jointVenture.columns.share}
                  </th>
                </tr>
              </thead>
              <tbody>
                {jv.members.map((m) => (
                  <tr key={m.name}>
                    <th scope="row">{m.name}</th>
                    <td>{JOINT_VENTURE_ROLE_LABEL[m.role]}</td>
                    <td className="num">{m.share}％</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {jv.warnings.length > 0 ? (
            <div className="notice warn" role="note">
              <p>
                <strong>{L.jointVenture.warningsTitle}</strong>
              </p>
              <ul>
                {jv.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            </div>
          ) : null}
        </section>
      ) : null}

      {deposits ? (
        <section className="panel" aria-labelledby="deposits-title">
          <h2 id="deposits-title">{L.deposits.title}</h2>
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{L.deposits.caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{L.deposits.columns.member}</th>
                  <th scope="col">{L.deposits.columns.bank}</th>
                  <th scope="col">{L.deposits.columns.branch}</th>
                  <th scope="col" className="num">
                    {L.deposits.columns.share}
                  </th>
                  <th scope="col" className="num">
                    {L.deposits.columns.amount}
                  </th>
                </tr>
              </thead>
              <tbody>
                {deposits.map((d) => (
                  <tr key={d.memberName}>
                    <th scope="row">{d.memberName}</th>
                    <td>{d.bank}</td>
                    <td>{d.branch}</td>
                    <td className="num">{d.share}％</td>
                    <td className="num">{d.amount === null ? L.none : yen(d.amount)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="hint">{L.deposits.amountNote}</p>
        </section>
      ) : null}

      {c ? (
        <section className="panel" aria-labelledby="certification-title">
          <h2 id="certification-title">{L.certification.title}</h2>
          {c.kind === 'none' ? (
            <p>{L.certification.none(c.ordererName, c.required)}</p>
          ) : (
            <>
              <DetailsList
                rows={[
                  [L.certification.number, c.number ?? L.none],
                  [L.certification.certifiedOn, isoDate(c.certifiedOn)],
                  [L.certification.certifier, `${c.certifier}（${c.department}）`],
                  [L.certification.decidedBy, c.decidedBy ?? L.none],
                  [L.certification.reportedOn, isoDate(c.reportedOn)],
                  [L.certification.progress, `${c.plannedProgress}％／${c.actualProgress}％`],
                  [L.certification.workDone, yen(c.workDoneAmount)],
                  [L.certification.requested, yen(c.requestedAmount)],
                  [L.certification.advance, c.advance ? `${c.advance.number}・${yen(c.advance.amount)}` : L.none],
                ]}
              />
              <p>
                <Link href={`/admin/certifications/${c.id}`}>{L.certification.link}</Link>
              </p>
            </>
          )}
        </section>
      ) : null}
    </>
  );
}
