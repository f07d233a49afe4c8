import type { Metadata } from 'next';
import { publishedKeyMap } from '@/config/signing-key';
import { getDb } from '@/db/client';
import { findIssuedDigest } from '@/domain/certificates/verification';
import { GUARANTEE_STATUS_LABEL } from '@/domain/labels';
import { formatIsoDate } from '@/lib/dates';
import { VERIFY_LABELS as L } from './labels';

export const metadata: Metadata = { title: L.meta, robots: { index: false } };

/**
 * Public (no sign-in): whether a certificate version with this digest was issued, its number, version,
 * status, issue date and whether its content and signature still check — nothing else.
 */
export default async function VerifyPage({ params }: PageProps<'/verify/[digest]'>) {
  const { digest } = await params;
  const answer = await findIssuedDigest(await getDb(), decodeURIComponent(digest).slice(0, 200), publishedKeyMap());
  return (
    <main id="main" className="login-page">
      <div className="login-card verify-card">
        <p className="brand-large">電子保証ポータル</p>
        <h1>{L.title}</h1>
        <p className="lead">{L.lead}</p>
        {answer.result === 'issued' ? (
          <section className={answer.intact ? 'notice ok' : 'notice warn'} aria-labelledby="verify-result">
            <h2 id="verify-result">{answer.intact ? L.issued : L.tampered}</h2>
            <table className="table">
              <caption className="visually-hidden">{L.tableCaption}</caption>
              <tbody>
                <tr>
                  <th scope="row">{L.number}</th>
                  <td>{answer.number}</td>
                </tr>
                <tr>
                  <th scope="row">{L.version}</th>
                  <td>{L.versionText(answer.version, answer.changed)}</td>
                </tr>
                <tr>
                  <th scope="row">{L.status}</th>
                  <td>
                    <strong>{GUARANTEE_STATUS_LABEL[answer.status]}</strong>
                  </td>
                </tr>
                <tr>
                  <th scope="row">{L.issuedOn}</th>
                  <td>{formatIsoDate(answer.issuedOn)}</td>
                </tr>
                <tr>
                  <th scope="row">{L.signature}</th>
                  <td>
                    <span className={answer.intact ? 'signature-ok' : 'signature-ng'}>{answer.intact ? L.signatureOk : L.signatureNg}</span>
                  </td>
                </tr>
                <tr>
                  <th scope="row">{L.digest}</th>
                  <td>
                    <code className="digest">{answer.digest}</code>
                  </td>
                </tr>
              </tbody>
            </table>
            <p className="muted">
              {L.note} <a href="/api/v1/signing-keys">{L.keyLink}</a>
            </p>
          </section>
        ) : (
          <section className="notice warn" aria-labelledby="verify-result">
            <h2 id="verify-result">{answer.result === 'invalid' ? L.invalid : answer.result === 'ambiguous' ? L.ambiguous : L.notFound}</h2>
            <p>{answer.result === 'invalid' ? L.invalidBody : answer.result === 'ambiguous' ? L.ambiguousBody : L.notFoundBody}</p>
          </section>
        )}
      </div>
    </main>
  );
}
