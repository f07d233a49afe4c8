import Link from 'next/link';
import type { ReactNode } from 'react';
import styles from './certificate.module.css';
import { CERTIFICATE_LABELS } from '@/domain/certificates/labels';
import { PrintButton } from './print-button';

const L = CERTIFICATE_LABELS.print;

/**
 * The A4 print view's chrome around a CertificateDocument: a toolbar (印刷する, 戻る) and the flyer's
 * 「この画面は、印刷・保存が可能です。」, neither printed; and `notice` (this printout is not the file to
 * submit), shown prominently above the sheet on screen and printed in a small box at the foot of the
 * page, so that a printout or a saved PDF cannot be mistaken for the submission file. `alerts` (the
 * guarantee's status when no longer 有効, a later version, changes recorded since) come first, on
 * screen only: the printout is the certificate itself, whose QR code leads to /verify, which says them
 * (the sheet of an older version carries one line that the later one exists: SupersededLine, decision 073).
 * `pdfHref`: 「PDFで保存」, the same version as a PDF laid out as this view (decision 073).
 */
export function PrintFrame({
  children,
  backHref,
  notice,
  alerts,
  pdfHref,
}: {
  children: ReactNode;
  backHref: string;
  notice: ReactNode;
  alerts?: ReactNode;
  pdfHref?: string;
}) {
  return (
    <div className={styles.frame}>
      {alerts ? (
        <div className={styles.alerts} data-print-hide="">
          {alerts}
        </div>
      ) : null}
      <div className={styles.toolbar} data-print-hide="">
        <PrintButton />
        {pdfHref ? (
          <a href={pdfHref} className="button">
            {L.savePdf}
          </a>
        ) : null}
        <Link href={backHref} className="button">
          {L.back}
        </Link>
        <p className={styles.printable}>{L.printable}</p>
      </div>
      <div className={styles.screenNotice} role="note" aria-label={L.notice} data-print-hide="">
        {notice}
      </div>
      {children}
      <div className={styles.printNotice}>
        {notice}
      </div>
    </div>
  );
}
