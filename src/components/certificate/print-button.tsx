'use client';

import { CERTIFICATE_LABELS } from '@/domain/certificates/labels';

/** 「印刷する」: opens the browser's print dialog (print or save as PDF). */
export function PrintButton({ label = CERTIFICATE_LABELS.print.printButton }: { label?: string }) {
  return (
    <button type="button" className="button primary" onClick={() => window.print()}>
      {label}
    </button>
  );
}
