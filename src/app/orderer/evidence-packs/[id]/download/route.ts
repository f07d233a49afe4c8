import { requireRouteActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { isAppError } from '@/domain/errors';
import { fiscalYearLabel } from '@/domain/evidence-packs/fiscal-year';
import { downloadableEvidencePack, packFilename } from '@/domain/evidence-packs/queries';
import { notFoundResponse } from '@/lib/http';
import { isUuid } from '@/lib/uuid';

/**
 * 証拠書類 (ZIP), streamed a chunk row at a time with its length. Only the staff of the orderer that
 * built it, while it is kept: another orderer, another side, a pack past its time or not finished 404;
 * the signed-out 401. A pack whose rows go while it is sent (the sweep) aborts the response, never a
 * short file that looks whole.
 */
export async function GET(_request: Request, { params }: RouteContext<'/orderer/evidence-packs/[id]/download'>) {
  const actor = await requireRouteActor('orderer');
  if (actor instanceof Response) return actor;
  const { id } = await params;
  if (!isUuid(id)) return notFoundResponse();
  let pack;
  try {
    pack = await downloadableEvidencePack(await getDb(), actor, id);
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') return notFoundResponse();
    throw error;
  }
  const expected = Number(pack.sizeBytes ?? 0);
  const chunks = pack.chunks();
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) {
        if (sent !== expected) controller.error(new Error(`evidence pack ${id}: ${sent} of ${expected} bytes`));
        else controller.close();
        return;
      }
      sent += next.value.byteLength;
      controller.enqueue(new Uint8Array(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  const filename = packFilename(pack, fiscalYearLabel);
  const fallback = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return new Response(body, {
    headers: {
      'Content-Type': 'application/zip',
      'Content-Length': String(expected),
      'Content-Disposition': `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
    },
  });
}
