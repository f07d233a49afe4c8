import QRCode from 'qrcode';

/**
 * A QR code (error correction M) as inline SVG, made synchronously from the symbol's modules: the
 * dark modules as horizontal runs in one path, with the 4-module quiet zone inside the viewBox. Sized
 * by CSS; `label` names it for assistive technology.
 */
export function QrCodeSvg({ text, label, className }: { text: string; label: string; className?: string }) {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  let d = '';
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && modules.get(row, col)) col++;
      d += `M${start + 4} ${row + 4}h${col - start}v1h${start - col}z`;
    }
  }
  const side = n + 8;
  return (
    <svg className={className} viewBox={`0 0 ${side} ${side}`} role="img" aria-label={label} shapeRendering="crispEdges" xmlns="http://www.w3.org/2000/svg">
      <rect width={side} height={side} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
