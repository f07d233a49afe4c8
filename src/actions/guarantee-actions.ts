'use server';

import { redirect } from 'next/navigation';
import { requireActionActor } from '@/auth/guards';
import { keySecret } from '@/config/secrets';
import { getDb } from '@/db/client';
import { findContractorGuarantee } from '@/domain/guarantees/find-contractor-guarantee';
import { reissueAuthKey } from '@/domain/guarantees/reissue-auth-key';
import { checkContractNumber } from '@/domain/guarantees/contract-number';
import { SEND_MESSAGES } from '@/domain/guarantees/messages';
import { sendKeyNoticeToOrderer } from '@/domain/guarantees/send-key-notice';
import { wakeMailWorker } from '@/mail/worker';
import { PdfTextError } from '@/pdf/font';
import { orNotFound } from '@/auth/not-found';

// Only the actions are exported: every export of a 'use server' file is a public endpoint.

export interface ButtonState {
  error?: string;
  field?: string;
}

function numberOf(value: string): string {
  const check = checkContractNumber(typeof value === 'string' ? value : '');
  return check.ok ? check.number : '0000000000';
}

/**
 * 「この内容で送信する」 under the preview (送信内容の確認): the key notice PDF by mail, the mail the
 * preview showed (its fingerprint in `previewed`); a mail that changed since is shown again
 * (?outdated=1) instead of being sent. A second sending needs the confirmation box.
 */
export async function sendToOrdererAction(number: string, _prev: ButtonState | undefined, formData: FormData): Promise<ButtonState | undefined> {
  const actor = await requireActionActor('contractor');
  const n = numberOf(number);
  const previewed = formData.get('previewed');
  let result;
  try {
    result = await orNotFound(
      sendKeyNoticeToOrderer(await getDb(), actor, n, keySecret(), {
        confirmResend: formData.get('confirmResend') === 'on',
        previewed: typeof previewed === 'string' ? previewed : '',
      }),
    );
  } catch (error) {
    if (error instanceof PdfTextError) return { error: `${error.userMessage}。保証会社の取次場所へお問い合わせください。` };
    throw error;
  }
  if (!result.ok) {
    if (result.fieldErrors.previewed) redirect(`/contractor/guarantees/${n}/key/send?outdated=1`);
    const [field, messages] = Object.entries(result.fieldErrors)[0] ?? ['', []];
    return { error: messages.join(' '), field };
  }
  wakeMailWorker();
  redirect(`/contractor/guarantees/${n}/key?saved=sent`);
}

/** 認証キーの再発行, after the confirmation box. */
export async function reissueKeyAction(number: string, _prev: ButtonState | undefined, formData: FormData): Promise<ButtonState | undefined> {
  const actor = await requireActionActor('contractor');
  const n = numberOf(number);
  const db = await getDb();
  // Whose guarantee first: another company's number answers 404 with or without the box ticked.
  await orNotFound(findContractorGuarantee(db, actor, n));
  if (formData.get('confirmReissue') !== 'on') return { error: SEND_MESSAGES.confirmReissueRequired, field: 'confirmReissue' };
  const result = await orNotFound(reissueAuthKey(db, actor, n, keySecret()));
  if (!result.ok) return { error: Object.values(result.fieldErrors).flat().join(' ') };
  redirect(`/contractor/guarantees/${n}/key?saved=reissued`);
}
