-- A lock's notice is owed in the transaction that sets the lock (issue 15, decision 060): before, the
-- lookup queued the notice's mails in a transaction of its own started in the background after the
-- answer, which a stop (or a crash) right after could lose. "lookup_certificate" (decision 058) now
-- writes a "LookupLockNotice" row beside the log row of the named orderer's failure that spent the
-- number's budget; src/domain/lookup/lock-notices.ts turns each row into the mails and deletes it in
-- one transaction (at once after the lookup, or by the sweep that catches up). The function is the
-- one of migration 20261205210000_lookup_in_one_round_trip with that one INSERT added.

-- CreateTable
CREATE TABLE "LookupLockNotice" (
    "id" UUID NOT NULL,
    "guaranteeId" UUID NOT NULL,
    "lockedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LookupLockNotice_pkey" PRIMARY KEY ("id")
);

-- AddForeignKey
ALTER TABLE "LookupLockNotice" ADD CONSTRAINT "LookupLockNotice_guaranteeId_fkey" FOREIGN KEY ("guaranteeId") REFERENCES "Guarantee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The lookup, as before, plus the owed notice (in the NOT_FOUND branch).
CREATE OR REPLACE FUNCTION "lookup_certificate"(
  p_token_hash text,            -- an API caller by its bearer token: SHA-256 of it (NULL otherwise)
  p_token_id uuid,              -- an API caller already known (NULL otherwise)
  p_user_id uuid,               -- a clerk (NULL for a token)
  p_organization_id uuid,       -- a clerk's organisation (NULL for a token: the token's)
  p_department_id uuid,         -- a clerk's department, recorded on the confirmation
  p_number text,                -- the 保証契約番号 in its stored form (NULL when malformed)
  p_number_input text,          -- as typed, for the log
  p_shape_outcome text,         -- 'INVALID_NUMBER' / 'INVALID_KEY': log it and stop; NULL to look up
  p_key_hash text,              -- the typed key's hash (auth-key.ts hashAuthKey)
  p_client_address text,        -- for the log
  p_scopes text[], p_keys text[], p_points integer[], p_seconds integer[], -- the budgets
  p_wall timestamp(3),          -- now (budgets, token use, refused and failed attempts)
  p_at timestamp(3),            -- the lookup's moment (the confirmation and its log row)
  p_today date,                 -- today in Asia/Tokyo at p_at (期間満了)
  p_token_stale_before timestamp(3) -- lastUsedAt older than this is written
) RETURNS TABLE (
  outcome text, token_id uuid, organization_id uuid, scope text, retry_after_seconds integer,
  number_just_spent boolean, guarantee_id uuid, orderer_match boolean, guarantee_status text,
  confirmation_id uuid, confirmed_at timestamp(3), versions jsonb
) AS $$
DECLARE
  v_token uuid;
  v_org uuid := p_organization_id;
  v_last_used timestamp(3);
  v_keys text[];
  v_scope text;
  v_wait integer;
  v_spent boolean := false;
  v_row record;
  v_gid uuid;
  v_orderer uuid;
  v_stored "GuaranteeStatus";
  v_end date;
  v_eq boolean;
  v_match boolean := false;
  v_status "GuaranteeStatus";
  v_versions jsonb;
  v_newest uuid;
  v_conf uuid;
  v_conf_at timestamp(3);
BEGIN
  IF p_token_hash IS NOT NULL THEN
    SELECT t."id", t."organizationId", t."lastUsedAt" INTO v_token, v_org, v_last_used
    FROM "ApiToken" t JOIN "Organization" o ON o."id" = t."organizationId"
    WHERE t."tokenHash" = p_token_hash AND t."revokedAt" IS NULL AND o."kind" = 'ORDERER' AND o."active";
    IF v_token IS NULL THEN
      RETURN QUERY SELECT CAST('UNAUTHENTICATED' AS text), NULL::uuid, NULL::uuid, NULL::text, NULL::integer, false, NULL::uuid, false, NULL::text, NULL::uuid, NULL::timestamp(3), NULL::jsonb;
      RETURN;
    END IF;
    -- At most once a minute per token (authenticate-api-token.ts): a read stays a read.
    IF v_last_used IS NULL OR v_last_used < p_token_stale_before THEN
      UPDATE "ApiToken" SET "lastUsedAt" = p_wall
      WHERE "id" = v_token AND "revokedAt" IS NULL AND ("lastUsedAt" IS NULL OR "lastUsedAt" < p_token_stale_before);
    END IF;
  ELSE
    v_token := p_token_id;
  END IF;

  IF p_shape_outcome IS NOT NULL THEN
    INSERT INTO "LookupAttempt" ("id", "userId", "apiTokenId", "organizationId", "numberInput", "guaranteeId", "outcome", "clientAddress", "createdAt")
    VALUES (gen_random_uuid(), p_user_id, v_token, v_org, p_number_input, NULL, CAST(p_shape_outcome AS "LookupOutcome"), p_client_address, p_wall);
    RETURN QUERY SELECT p_shape_outcome, v_token, v_org, NULL::text, NULL::integer, false, NULL::uuid, false, NULL::text, NULL::uuid, NULL::timestamp(3), NULL::jsonb;
    RETURN;
  END IF;

  v_keys := ARRAY(SELECT replace(replace(k, '{token}', coalesce(CAST(v_token AS text), '')), '{org}', CAST(v_org AS text)) FROM unnest(p_keys) WITH ORDINALITY AS u(k, i) ORDER BY i);

  -- A refused request costs nothing: look first (no write), and refuse with the longest wait.
  SELECT b.s, GREATEST(1, CAST(ceil(extract(epoch FROM (r."expire" - p_wall))) AS integer)) INTO v_scope, v_wait
  FROM unnest(v_keys, p_scopes, p_points) AS b(k, s, pts) JOIN "RateLimit" r ON r."key" = b.k
  WHERE r."expire" > p_wall AND r."points" >= b.pts
  ORDER BY r."expire" DESC LIMIT 1;

  IF v_scope IS NULL THEN
    -- One point of each budget (rows inserted and locked in key order: no deadlock between callers);
    -- parallel requests may have spent a budget between the look and the write: over the limit is refused.
    WITH up AS (
      INSERT INTO "RateLimit" ("key", "points", "expire")
      SELECT b.k, 1, p_wall + make_interval(secs => b.sec) FROM unnest(v_keys, p_seconds) AS b(k, sec) ORDER BY b.k
      ON CONFLICT ("key") DO UPDATE SET
        "points" = CASE WHEN "RateLimit"."expire" IS NULL OR "RateLimit"."expire" <= p_wall THEN 1 ELSE "RateLimit"."points" + 1 END,
        "expire" = CASE WHEN "RateLimit"."expire" IS NULL OR "RateLimit"."expire" <= p_wall THEN EXCLUDED."expire" ELSE "RateLimit"."expire" END
      RETURNING "key", "points", "expire"
    ), j AS (
      SELECT b.s, b.pts, up."points", up."expire" FROM up JOIN unnest(v_keys, p_scopes, p_points) AS b(k, s, pts) ON b.k = up."key"
    )
    SELECT (SELECT j.s FROM j WHERE j."points" > j.pts ORDER BY j."expire" DESC LIMIT 1),
           (SELECT GREATEST(1, CAST(ceil(extract(epoch FROM (j."expire" - p_wall))) AS integer)) FROM j WHERE j."points" > j.pts ORDER BY j."expire" DESC LIMIT 1),
           coalesce(bool_or(j.s = 'number' AND j."points" = j.pts), false)
    INTO v_scope, v_wait, v_spent FROM j;
  END IF;

  IF v_scope IS NOT NULL THEN
    INSERT INTO "LookupAttempt" ("id", "userId", "apiTokenId", "organizationId", "numberInput", "guaranteeId", "outcome", "clientAddress", "createdAt")
    VALUES (gen_random_uuid(), p_user_id, v_token, v_org, p_number_input, NULL, 'THROTTLED', p_client_address, p_wall);
    RETURN QUERY SELECT CAST('THROTTLED' AS text), v_token, v_org, v_scope, v_wait, false, NULL::uuid, false, NULL::text, NULL::uuid, NULL::timestamp(3), NULL::jsonb;
    RETURN;
  END IF;

  -- The same read and the same comparison whatever exists: one LEFT JOIN from a single row, and an
  -- unknown number is compared with a stand-in hash of the same length.
  FOR v_row IN
    SELECT g."id", g."ordererId", g."status", g."guaranteeEnd", k."keyHash"
    FROM (SELECT 1) AS one
    LEFT JOIN "Guarantee" g ON g."number" = CAST(p_number AS char(10))
    LEFT JOIN "AuthKey" k ON k."guaranteeId" = g."id" AND k."revokedAt" IS NULL
  LOOP
    v_gid := v_row."id"; v_orderer := v_row."ordererId"; v_stored := v_row."status"; v_end := v_row."guaranteeEnd";
    v_eq := "key_hash_equal"(p_key_hash, coalesce(v_row."keyHash", 'h1:' || repeat('A', 43)));
    v_match := (v_eq AND v_row."keyHash" IS NOT NULL) OR v_match;
  END LOOP;

  IF v_gid IS NULL OR NOT v_match OR v_orderer <> v_org THEN
    INSERT INTO "LookupAttempt" ("id", "userId", "apiTokenId", "organizationId", "numberInput", "guaranteeId", "outcome", "clientAddress", "createdAt")
    VALUES (gen_random_uuid(), p_user_id, v_token, v_org, p_number_input, v_gid, 'NOT_FOUND', p_client_address, p_wall);
    -- This failure spent the number's budget of the orderer named on the certificate: the lock's notice
    -- is owed, in this transaction (decision 060). lock-notices.ts queues its mails and deletes the row.
    IF v_spent AND v_gid IS NOT NULL AND v_orderer = v_org THEN
      INSERT INTO "LookupLockNotice" ("id", "guaranteeId", "lockedAt") VALUES (gen_random_uuid(), v_gid, p_wall);
    END IF;
    RETURN QUERY SELECT CAST('NOT_FOUND' AS text), v_token, v_org, NULL::text, NULL::integer, v_spent, v_gid, coalesce(v_orderer = v_org, false), NULL::text, NULL::uuid, NULL::timestamp(3), NULL::jsonb;
    RETURN;
  END IF;

  -- Found. The status as status.ts effectiveStatus tells it: 解除 stays, 期間満了 from the day after 保証期間（至）.
  v_status := CAST(CASE WHEN v_stored = 'CANCELLED' THEN 'CANCELLED' WHEN v_end < p_today THEN 'EXPIRED' ELSE 'ACTIVE' END AS "GuaranteeStatus");
  SELECT jsonb_agg(jsonb_build_object('id', v."id", 'version', v."version", 'changeKind', v."changeKind", 'issuedOn', to_char(v."issuedOn", 'YYYY-MM-DD'),
                                      'digest', v."digest", 'content', v."content") ORDER BY v."version" DESC),
         (array_agg(v."id" ORDER BY v."version" DESC))[1]
  INTO v_versions, v_newest
  FROM "CertificateVersion" v WHERE v."guaranteeId" = v_gid;

  INSERT INTO "Confirmation" ("id", "guaranteeId", "certificateVersionId", "organizationId", "departmentId", "userId", "statusAtConfirmation", "confirmedAt")
  VALUES (gen_random_uuid(), v_gid, v_newest, v_org, p_department_id, p_user_id, v_status, p_at)
  RETURNING "id", "confirmedAt" INTO v_conf, v_conf_at;
  INSERT INTO "LookupAttempt" ("id", "userId", "apiTokenId", "organizationId", "numberInput", "guaranteeId", "outcome", "clientAddress", "createdAt")
  VALUES (gen_random_uuid(), p_user_id, v_token, v_org, p_number_input, v_gid, 'FOUND', p_client_address, p_at);
  -- A right pair gives its points back (the rows are this transaction's already).
  UPDATE "RateLimit" SET "points" = GREATEST("points" - 1, 0) WHERE "key" = ANY(v_keys);

  RETURN QUERY SELECT CAST('FOUND' AS text), v_token, v_org, NULL::text, NULL::integer, false, v_gid, true, CAST(v_status AS text), v_conf, v_conf_at, v_versions;
END
$$ LANGUAGE plpgsql;
