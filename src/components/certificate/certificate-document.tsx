import { useId, type ReactNode } from 'react';
import type { CertificateContent } from '@/domain/certificates/content';
import { shortDigest, verifyUrl } from '@/domain/certificates/verification';
import { formatYen } from '@/lib/money';
import { formatJapaneseDate } from '@/lib/wareki';
import styles from './certificate.module.css';
import { CERTIFICATE_LABELS as L } from '@/domain/certificates/labels';
import { QrCodeSvg } from './qr-code';

/** '40000000' → '40,000,000' (through BigInt: amounts may exceed Number's exact range). */
export function formatYenDigits(digits: string): string {
  return formatYen(BigInt(digits));
}

function JapaneseDate({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} className={styles.date}>
      {formatJapaneseDate(iso)}
    </time>
  );
}

function Yen({ digits }: { digits: string }) {
  return (
    <span className={styles.amount}>
      {formatYenDigits(digits)} {L.yen}
    </span>
  );
}

/** 【注1】 text → the mark and the text apart, so that wrapped lines hang under the text. */
function splitNote(note: string): { mark: string; text: string } {
  const match = /^(【[^】]*】)\s*([\s\S]*)$/.exec(note);
  return match ? { mark: match[1] ?? '', text: match[2] ?? '' } : { mark: '', text: note };
}

/** The digest's short form and the QR code to /verify/<digest>, under the notes. */
function Verification({ digest }: { digest: string }) {
  const url = verifyUrl(digest);
  return (
    <section className={styles.verification} aria-label={L.verification.title}>
      <QrCodeSvg text={url} label={L.verification.qr} className={styles.verificationQr} />
      <div>
        <p>
          {L.verification.digest}（SHA-256）: <code className={styles.digest}>{shortDigest(digest)}</code>
        </p>
        <p className={styles.verificationNote}>{L.verification.body}</p>
        <p className={styles.url}>{url}</p>
      </div>
    </section>
  );
}

/** 保証契約者: the company (address, name 様), or the JV's name 様 with its 代表者 and 構成員 under it. */
function Contractor({ content }: { content: CertificateContent }) {
  const jv = content.jointVenture;
  if (!jv) {
    return (
      <>
        <span className={styles.line}>{content.contractor.address}</span>
        <span className={styles.line}>
          {content.contractor.name} <span className={styles.honorific}>{L.honorific}</span>
        </span>
      </>
    );
  }
  const parties = [
    { role: L.representative, address: content.contractor.address, name: content.contractor.name },
    ...jv.members.map((m) => ({ role: L.member, address: m.address, name: m.name })),
  ];
  return (
    <>
      <span className={styles.line}>
        {jv.name} <span className={styles.honorific}>{L.honorific}</span>
      </span>
      <span className={styles.parties}>
        {parties.map((p, index) => (
          <span key={index} className={styles.party}>
            <span className={styles.partyRole}>{p.role}</span>
            <span>
              {p.address ? <span className={styles.partyAddress}>{p.address}</span> : null}
              <span className={styles.partyName}>{p.name}</span>
            </span>
          </span>
        ))}
      </span>
    </>
  );
}

const isWebUrl = (url: string) => /^https?:\/\//i.test(url);

/**
 * The 保証証書 as in the flyer, rendered from a version's immutable content snapshot only. A server
 * component (no state); the contractor's screen, the print view and the orderer's viewer all use it.
 * `banner` (e.g. the orderer's status) is shown inside the sheet above the title; `digest` (the
 * version's SHA-256), when given, adds its short form and a QR code to the public verification page.
 */
export function CertificateDocument({
  content,
  banner,
  headingLevel = 2,
  digest,
}: {
  content: CertificateContent;
  banner?: ReactNode;
  headingLevel?: 1 | 2;
  digest?: string | null;
}) {
  const titleId = useId();
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  const { guaranteePeriod: period, branch } = content;

  // A JV's sheet prints tighter (certificate.module.css .dense): five members and five deposits on one page.
  const dense = content.jointVenture !== undefined || (content.deposits?.length ?? 0) > 0;
  return (
    <article className={dense ? `${styles.sheet} ${styles.dense}` : styles.sheet} aria-labelledby={titleId}>
      {banner ? <div className={styles.banner}>{banner}</div> : null}
      <p className={styles.issuedOn}>
        <JapaneseDate iso={content.issuedOn} />
      </p>
      <Heading id={titleId} className={styles.title}>
        {content.title}
        {content.changed ? <span className={styles.changed}>{L.changed}</span> : null}
      </Heading>

      <table className={styles.table}>
        <caption className="visually-hidden">{L.tableCaption}</caption>
        <tbody>
          <tr>
            <th scope="row">{L.number}</th>
            <td className={styles.number}>{content.number}</td>
          </tr>
          <tr>
            <th scope="row">{L.contractor}</th>
            <td>
              <Contractor content={content} />
            </td>
          </tr>
          <tr>
            <th scope="row">{L.obligee}</th>
            <td>
              {content.obligee.name} <span className={styles.honorific}>{L.honorific}</span>
            </td>
          </tr>
          <tr>
            <th scope="row">{L.guaranteeAmount}</th>
            <td>
              <Yen digits={content.guaranteeAmount} />
            </td>
          </tr>
          <tr>
            <th scope="row">{L.guaranteePeriod}</th>
            <td>
              {period.from ? (
                <>
                  <span className={styles.nowrap}>
                    <JapaneseDate iso={period.from} /> {L.periodFrom}
                  </span>{' '}
                  <span className={styles.nowrap}>
                    <JapaneseDate iso={period.to} /> {L.periodTo}
                  </span>
                </>
              ) : (
                <JapaneseDate iso={period.to} />
              )}
            </td>
          </tr>
          <tr>
            <th scope="row">{L.projectEndDate}</th>
            <td>
              <JapaneseDate iso={content.projectEndDate} />
            </td>
          </tr>
          <tr>
            <th scope="row">{L.projectName}</th>
            <td className={styles.text}>{content.projectName}</td>
          </tr>
          <tr>
            <th scope="row">{L.contractAmount}</th>
            <td>
              <Yen digits={content.contractAmount} />
            </td>
          </tr>
          {content.depositBank ? (
            <tr>
              <th scope="row">{L.depositBank}</th>
              <td>
                {content.depositBank.bank} {content.depositBank.branch}
              </td>
            </tr>
          ) : null}
          {content.deposits && content.deposits.length > 0 ? (
            <tr>
              <th scope="row">
                {L.depositBank}
                <span className={styles.thNote}>{L.splitDeposit}</span>
              </th>
              <td>
                {content.deposits.map((d, index) => (
                  <span key={index} className={styles.deposit}>
                    <span className={styles.depositBank}>
                      {d.bank} {d.branch}
                    </span>
                    <span className={styles.depositHolder}>
                      {d.holder}{' '}
                      <span className={styles.nowrap}>
                        {d.share}
                        {L.percent}
                      </span>
                    </span>
                  </span>
                ))}
              </td>
            </tr>
          ) : null}
          {content.intermediateCertification ? (
            <tr>
              <th scope="row">{L.intermediateCertification}</th>
              <td>
                <span className={styles.nowrap}>{content.intermediateCertification.number}</span>（
                <JapaneseDate iso={content.intermediateCertification.certifiedOn} /> {content.intermediateCertification.certifier}）
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>

      <p className={styles.undertaking}>{content.undertaking}</p>

      <div className={styles.signature}>
        <div className={styles.issuer} aria-label={L.issuer} role="group">
          <p>{content.issuer.address}</p>
          <p className={styles.company}>{content.issuer.companyName}</p>
          <p>{content.issuer.representativeTitle}</p>
          <p className={styles.representative}>{content.issuer.representativeName}</p>
        </div>

        {branch ? (
          <address className={styles.branch}>
            <p>
              {L.branch} {branch.name}
            </p>
            <p>{branch.address}</p>
            <p>
              {L.tel} : <span className={styles.nowrap}>{branch.tel}</span>
            </p>
            <p>
              {L.fax} : <span className={styles.nowrap}>{branch.fax}</span>
            </p>
          </address>
        ) : null}
      </div>

      <ul className={styles.notes} aria-label={L.notes}>
        {content.notes.map((note, index) => {
          const { mark, text } = splitNote(note);
          return (
            <li key={index}>
              {mark ? <span className={styles.noteMark}>{mark}</span> : null}
              <span>{text}</span>
            </li>
          );
        })}
      </ul>

      {digest ? <Verification digest={digest} /> : null}

      <p className={styles.terms}>
        {content.terms.text}
        <br />
        {isWebUrl(content.terms.url) ? (
          <a href={content.terms.url} target="_blank" rel="noopener noreferrer" className={styles.url}>
            {content.terms.url}
            <span className="visually-hidden">{L.opensInNewTab}</span>
          </a>
        ) : (
          <span className={styles.url}>{content.terms.url}</span>
        )}
      </p>
    </article>
  );
}
