-- A key notice withdrawn by a reissued 認証キー is marked on its outbox row alone (status FAILED, lastError
-- KEY_NOTICE_WITHDRAWN of src/domain/guarantees/messages.ts; decided in withdrawn-key-notice.ts). Before,
-- a reissue also emptied the sealed PDF of a notice that had already failed for another reason, and the
-- readers took "an empty sealed attachment" for withdrawn: those notices are marked as such now. Only a
-- reissue empties a FAILED mail's sealed attachment (the worker empties it on SENT), so this finds
-- exactly them. No schema change.
UPDATE "OutboxMail" m
SET "lastError" = '認証キーの再発行により、古い認証キーのお知らせの送信を取り消しました。'
WHERE m."status" = 'FAILED'
  AND m."template" = 'key-notice-submission'
  AND EXISTS (SELECT 1 FROM "MailAttachment" a WHERE a."mailId" = m."id" AND a."sealed" AND octet_length(a."content") = 0);
