import QRCode from 'qrcode';

/**
 * A QR code (error correction M) of `text` as one SVG path: the dark modules as horizontal runs in
 * one fill, so no seams appear between modules at any resolution. One unit is one module; `quietZone`
 * modules of offset are added on the top and left (the screen's SVG draws its quiet zone inside the
 * viewBox, the PDF leaves it blank around the drawing). Shared by the certificate screen and the PDFs.
 */
export function qrCodePath(text: string, quietZone = 0): { modules: number; path: string } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  let path = '';
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && modules.get(row, col)) col++;
      path += `M${start + quietZone} ${row + quietZone}h${col - start}v1h${start - col}z`;
    }
  }
  return { modules: n, path };
}

/** The side of the QR code of `text` in modules (to plan a layout before drawing). */
export function qrModuleCount(text: string): number {
  return QRCode.create(text, { errorCorrectionLevel: 'M' }).modules.size;
}
