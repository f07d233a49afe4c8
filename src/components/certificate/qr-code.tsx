import { qrCodePath } from '@/lib/qr';

/**
 * A QR code (error correction M) as inline SVG, made synchronously from the symbol's modules: the
 * dark modules as horizontal runs in one path, with the 4-module quiet zone inside the viewBox. Sized
 * by CSS; `label` names it for assistive technology.
 */
export function QrCodeSvg({ text, label, className }: { text: string; label: string; className?: string }) {
  const { modules: n, path: d } = qrCodePath(text, 4);
  const side = n + 8;
  return (
    <svg className={className} viewBox={`0 0 ${side} ${side}`} role="img" aria-label={label} shapeRendering="crispEdges" xmlns="http://www.w3.org/2000/svg">
      <rect width={side} height={side} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
