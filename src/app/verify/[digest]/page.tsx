import type { Metadata } from 'next';
import { publishedKeyMap } from '@/config/signing-key';
import { getDb } from '@/db/client';
import { findIssuedDigest, type IssuedVersion } from '@/domain/certificates/verification';
import { formatIsoDate } from '@/lib/dates';
import { VERIFY_LABELS as L } from './labels';

export const metadata: Metadata = { title: L.meta, robots: { index: false } };

const statusText = (answer: IssuedVersion) => `${L.statusText[answer.status]}${answer.cancelledOn ? L.cancelledOn(answer.cancelledOn) : ''}`;

/**
 * First on the page, announced: that this certificate is no longer the one to rely on — a later
 * version (its name and issue date), the guarantee no longer in force, or 変更契約 recorded after the
 * latest version without a certificate — with the guarantee's status now. Nothing for a current one.
 */
function CurrentNotice({ answer }: { answer: IssuedVersion }) {
  const recorded = answer.recordedChangesAfterLatest;
  if (!answer.superseded && answer.status === 'ACTIVE' && recorded.length === 0) return null;
  const latestName = L.versionText(answer.latest.version, answer.latest.changed);
  const title = answer.superseded ? L.current.superseded : answer.status !== 'ACTIVE' ? L.current[answer.status] : L.current.recorded;
  return (
    <section className="notice warn" role="alert" aria-labelledby="verify-current">
      <h2 id="verify-current">{title}</h2>
      {answer.superseded ? <p>{L.current.supersededLine(L.versionText(answer.version, answer.changed), latestName, answer.latest.issuedOn)}</p> : null}
      {recorded.length > 0 ? <p>{answer.superseded ? L.current.recordedAfterLatestLine(latestName, recorded) : L.current.recordedLine(recorded)}</p> : null}
      <p>
        <strong>{L.current.statusLine(statusText(answer))}</strong>
      </p>
      {answer.superseded || recorded.length > 0 ? <p>{L.current.guidance}</p> : null}
    </section>
  );
}

/**
 * Public (no sign-in): whether a certificate version with this digest was issued, its number, version,
 * status, issue date and whether its content and signature still check, and first of all whether it is
 * still current (CurrentNotice) — nothing else (no names, amounts, keys).
 */
/** Pages get the segment percent-encoded; a malformed one is no digest (and never a 500). */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}

export default async function VerifyPage({ params }: PageProps<'/verify/[digest]'>) {
  const { digest } = await params;
  const answer = await findIssuedDigest(await getDb(), safeDecode(digest).slice(0, 200), publishedKeyMap());
  return (
    <main id="main" className="login-page">
      <div className="login-card verify-card">
        <p className="brand-large">電子保証ポータル</p>
        <h1>{L.title}</h1>
        {answer.result === 'issued' ? <CurrentNotice answer={answer} /> : null}
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
                {answer.superseded ? (
                  <tr>
                    <th scope="row">{L.latestVersion}</th>
                    <td>
                      <strong>{L.latestVersionText(L.versionText(answer.latest.version, answer.latest.changed), answer.latest.issuedOn)}</strong>
                    </td>
                  </tr>
                ) : null}
                <tr>
                  <th scope="row">{L.status}</th>
                  <td>
                    <strong>{statusText(answer)}</strong>
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
