import Link from 'next/link';
import { useId } from 'react';
import type { VersionNotice as Notice } from '@/domain/changes/version-notice';
import { versionName } from '@/lib/wording';
import { CHANGE_VIEW_LABELS } from './labels';

const L = CHANGE_VIEW_LABELS.notice;

const nameOf = (v: { version: number; changed: boolean }) => versionName(v.version, v.changed);

/**
 * Above a certificate version, what the sheet cannot say (domain/changes/version-notice.ts): that a
 * later version exists (its name, 発行日, a link to it), and the 変更契約 recorded without a certificate
 * after the latest version (each 変更契約日 with what it changed, the certificate's lines left out of
 * date, a link to the history). Nothing when there is nothing to say.
 *
 * `announce`: role="alert" (the print views, where the clerk is about to print); otherwise a region
 * named by its heading. `newer={false}`: a page that says the later version itself (the orderer's
 * certificate page) shows only the recorded changes.
 */
export function VersionNotice({
  notice,
  latestHref,
  historyHref,
  announce = false,
  newer = true,
  headingLevel = 2,
}: {
  notice: Notice;
  latestHref: string;
  historyHref: string;
  announce?: boolean;
  newer?: boolean;
  headingLevel?: 2 | 3;
}) {
  const titleId = useId();
  const Heading = headingLevel === 3 ? 'h3' : 'h2';
  const later = newer ? notice.newer : null;
  const recorded = notice.recordedAfterLatest;
  if (!later && recorded.length === 0) return null;
  const superseded = notice.newer !== null;
  const recordedPart =
    recorded.length > 0 ? (
      <>
        {superseded ? <p>{L.recordedAfterLatest(nameOf(notice.latest))}</p> : null}
        <ul aria-label={L.recordedList}>
          {recorded.map((c) => (
            <li key={c.id}>{L.recordedItem(c.changeDate, c.subjects, c.reasonNote)}</li>
          ))}
        </ul>
        <p>{notice.staleLines.length > 0 ? L.staleLines(notice.staleLines) : L.noStaleLines}</p>
      </>
    ) : null;
  return (
    <section className="notice warn version-notice" role={announce ? 'alert' : undefined} aria-labelledby={titleId}>
      <Heading id={titleId}>{later ? L.newerTitle : L.recordedTitle}</Heading>
      {later ? <p>{L.newerBody(nameOf(notice.shown), notice.shown.issuedOn, nameOf(later), later.issuedOn)}</p> : null}
      {recordedPart}
      <p className="version-notice-links">
        {later ? <Link href={latestHref}>{L.toLatest(nameOf(later))}</Link> : null}
        {later && recorded.length > 0 ? ' ／ ' : null}
        {recorded.length > 0 ? <Link href={historyHref}>{L.toHistory}</Link> : null}
      </p>
    </section>
  );
}
