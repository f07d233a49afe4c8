import { requireRouteActor } from '@/auth/guards';
import { keySecret } from '@/config/secrets';
import { getDb } from '@/db/client';
import { keyNoticePdf } from '@/domain/guarantees/render-key-notice';
import { pdfResponse } from '@/app/_lib/pdf-response';

/** 「電子証書閲覧用「認証キー」等のお知らせ」 (PDF) of one of the company's guarantees; anyone else: 404. */
export async function GET(_request: Request, { params }: RouteContext<'/contractor/guarantees/[number]/key/notice'>) {
  const actor = await requireRouteActor('contractor');
  if (actor instanceof Response) return actor;
  const { number } = await params;
  return pdfResponse(async () => keyNoticePdf(await getDb(), actor, number, keySecret()));
}
