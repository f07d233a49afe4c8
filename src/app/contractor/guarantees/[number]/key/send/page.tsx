import type { Metadata } from 'next';
import Link from 'next/link';
import { Breadcrumbs } from '@/app/_components/breadcrumbs';
import { sendToOrdererAction } from '@/actions/guarantee-actions';
import { requirePageActor } from '@/auth/guards';
import { orNotFound } from '@/auth/not-found';
import { keySecret } from '@/config/secrets';
import { getDb } from '@/db/client';
import { checkContractNumber } from '@/domain/guarantees/contract-number';
import { previewKeyNotice } from '@/domain/guarantees/send-key-notice';
import { formatDateTime } from '@/lib/dates';
import { firstParam } from '@/lib/search-params';
import { SendForm } from '../../../_components/key-forms';
import { GUARANTEE_LABELS as L } from '../../../labels';
import styles from './send.module.css';

export const metadata: Metadata = { title: L.previewMeta };

/**
 * 送信内容の確認: the mail 「発注者へ送信」 queues, exactly (宛先, 件名, 本文, 添付ファイル名, from the
 * function that queues it), then 「この内容で送信する」 or 戻る. Server-rendered; works without
 * JavaScript. Only the guarantee's contractor sees it (anyone else: 404); a guarantee 解除 or 期間満了
 * says why nothing is sent.
 */
export default async function SendPreviewPage({ params, searchParams }: PageProps<'/contractor/guarantees/[number]/key/send'>) {
  const actor = await requirePageActor('contractor');
  const { number: input } = await params;
  const preview = await orNotFound(previewKeyNotice(await getDb(), actor, input, keySecret()));
  // previewKeyNotice found the guarantee: the number is well formed.
  const check = checkContractNumber(input);
  const number = check.ok ? check.number : input;
  const keyHref = `/contractor/guarantees/${number}/key`;
  const outdated = firstParam(await searchParams, 'outdated') === '1';
  return (
    <>
      <Breadcrumbs
        items={[
          { href: '/contractor/guarantees', label: L.listTitle },
          { href: `/contractor/guarantees/${number}`, label: `${L.certificateMeta} ${number}` },
          { href: keyHref, label: L.keyTitle },
        ]}
      />
      <h1>{L.previewTitle}</h1>
      {preview.ok ? (
        <>
          {outdated ? (
            <p className="notice warn" role="alert">
              {L.previewOutdated}
            </p>
          ) : null}
          <p className="lead">{L.previewLead}</p>
          <section className="panel" aria-labelledby="mail-title">
            <h2 id="mail-title">{L.previewMail}</h2>
            <dl className={`details ${styles.mail}`}>
              <dt>{L.mailFields.to}</dt>
              <dd>
                {preview.value.mail.to.map((address) => (
                  <span key={address} className={styles.address}>
                    {L.mailTo(preview.value.ordererName, preview.value.departmentName, address)}
                  </span>
                ))}
              </dd>
              <dt>{L.mailFields.subject}</dt>
              <dd>{preview.value.mail.subject}</dd>
              <dt>{L.mailFields.body}</dt>
              <dd>
                <pre className={styles.body}>{preview.value.mail.bodyText}</pre>
              </dd>
              <dt>{L.mailFields.attachments}</dt>
              <dd>
                <ul className="plain">
                  {preview.value.mail.attachmentNames.map((name) => (
                    <li key={name}>
                      <a href={`${keyHref}/notice`} download>
                        {name}
                      </a>
                    </li>
                  ))}
                </ul>
                <p className="muted">{L.attachmentNote}</p>
              </dd>
            </dl>
          </section>
          <SendForm
            action={sendToOrdererAction.bind(null, number)}
            fingerprint={preview.value.fingerprint}
            lastSentAt={preview.value.lastSentAt ? formatDateTime(preview.value.lastSentAt) : null}
            backHref={keyHref}
          />
        </>
      ) : (
        <>
          <p className="form-message error">{Object.values(preview.fieldErrors).flat().join(' ')}</p>
          <p>
            <Link href={keyHref}>{L.back}</Link>
          </p>
        </>
      )}
    </>
  );
}
