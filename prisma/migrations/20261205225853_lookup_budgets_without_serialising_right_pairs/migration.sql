-- Right pairs no longer serialise on the budget rows (issue 15, decision 063). Until now every lookup
-- that got past the look took one point of each budget in an INSERT … ON CONFLICT, which locked the
-- caller's shared rows (its token or account, its organisation, its address) until the commit — the
-- commit's WAL flush included — and a right pair then gave the point back: all lookups of one caller
-- ran one after another, and each right pair left dead row versions behind.
--
-- Now the order of the guesses on a budget is kept by transaction-level advisory locks on the budget
-- keys (class 19531, 'LK'; the second number is hashtext(key)), taken in ascending order after the
-- key has been compared:
--   - a wrong pair takes them EXCLUSIVE, looks at the budgets again, and either takes one point of each
--     (not spent) or is refused without a write (spent); the locks go with its commit;
--   - a right pair takes them SHARED, looks at the budgets again, and lets them go at once (the block's
--     subtransaction is rolled back); it is answered FOUND only when none was spent, and writes no
--     budget row.
-- PostgreSQL grants a lock request after every conflicting request queued before it, so a right pair
-- never overtakes a wrong one that came first: whether a guess is answered or refused depends on its
-- place in that one queue, never on whether it is right. The argument, the cases (a row not there yet, a
-- window ended, a lock lifted) and the tests are in decision 063.
--
-- The function is that of 20261205222333_lookup_lock_notices (the lock notice owed) with the budget
-- steps so changed; its arguments and answers are the same. No schema change.

-- The first budget spent at p_wall among the given keys, the longest wait first (none: no row).
-- STABLE: it reads with the snapshot of the statement that calls it.
CREATE OR REPLACE FUNCTION "lookup_budget_refusal"(p_keys text[], p_scopes text[], p_points integer[], p_wall timestamp(3))
RETURNS TABLE (scope text, retry_after_seconds integer) AS $$
  SELECT b.s, GREATEST(1, CAST(ceil(extract(epoch FROM (r."expire" - p_wall))) AS integer))
  FROM unnest(p_keys, p_scopes, p_points) AS b(k, s, pts) JOIN "RateLimit" r ON r."key" = b.k
  WHERE r."expire" > p_wall AND r."points" >= b.pts
  ORDER BY r."expire" DESC LIMIT 1
$$ LANGUAGE sql STABLE;

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
  -- The advisory lock class of the lookup budgets ('LK'); the two-number form keeps these locks apart
  -- from the one-number locks of the migrations and the rate tables.
  c_budget_locks CONSTANT integer := 19531;
  v_token uuid;
  v_org uuid := p_organization_id;
  v_last_used timestamp(3);
  v_keys text[];
  v_locks integer[];
  v_lock integer;
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
  v_right boolean;
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

  -- A refused request costs nothing: look first (no lock, no write), and refuse with the longest wait.
  -- Right and wrong pairs alike: the key has not been compared yet.
  SELECT r.scope, r.retry_after_seconds INTO v_scope, v_wait FROM "lookup_budget_refusal"(v_keys, p_scopes, p_points, p_wall) AS r;

  IF v_scope IS NULL THEN
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
    v_right := v_gid IS NOT NULL AND v_match AND v_orderer = v_org;

    -- Every guess takes its place in the budgets' queue: one advisory lock per budget key, in ascending
    -- order (no deadlock), exclusive for a wrong pair and shared for a right one, then looks at the
    -- budgets with a snapshot taken after its locks were granted — so every failure granted before it
    -- has committed and is seen.
    v_locks := ARRAY(SELECT DISTINCT hashtext(k) FROM unnest(v_keys) AS k ORDER BY 1);
    IF v_right THEN
      BEGIN
        FOREACH v_lock IN ARRAY v_locks LOOP
          PERFORM pg_advisory_xact_lock_shared(c_budget_locks, v_lock);
        END LOOP;
        SELECT r.scope, r.retry_after_seconds INTO v_scope, v_wait FROM "lookup_budget_refusal"(v_keys, p_scopes, p_points, p_wall) AS r;
        -- Roll this block back: its shared locks are released now, not at the commit (a failure queued
        -- behind them waits for this look only, not for this transaction's WAL flush). The variables keep
        -- what was read; an error of any kind also ends the block, and its locks, with it.
        RAISE SQLSTATE 'LKREL';
      EXCEPTION WHEN SQLSTATE 'LKREL' THEN
        NULL;
      END;
    ELSE
      FOREACH v_lock IN ARRAY v_locks LOOP
        PERFORM pg_advisory_xact_lock(c_budget_locks, v_lock);
      END LOOP;
      SELECT r.scope, r.retry_after_seconds INTO v_scope, v_wait FROM "lookup_budget_refusal"(v_keys, p_scopes, p_points, p_wall) AS r;
      IF v_scope IS NULL THEN
        -- One point of each (a window that has ended starts again at 1); none is spent, so none passes its
        -- limit. The rows stay locked, and the advisory locks held, until the commit.
        WITH up AS (
          INSERT INTO "RateLimit" ("key", "points", "expire")
          SELECT b.k, 1, p_wall + make_interval(secs => b.sec) FROM unnest(v_keys, p_seconds) AS b(k, sec) ORDER BY b.k
          ON CONFLICT ("key") DO UPDATE SET
            "points" = CASE WHEN "RateLimit"."expire" IS NULL OR "RateLimit"."expire" <= p_wall THEN 1 ELSE "RateLimit"."points" + 1 END,
            "expire" = CASE WHEN "RateLimit"."expire" IS NULL OR "RateLimit"."expire" <= p_wall THEN EXCLUDED."expire" ELSE "RateLimit"."expire" END
          RETURNING "key", "points"
        )
        SELECT coalesce(bool_or(b.s = 'number' AND up."points" >= b.pts), false) INTO v_spent
        FROM up JOIN unnest(v_keys, p_scopes, p_points) AS b(k, s, pts) ON b.k = up."key";
      END IF;
    END IF;
  END IF;

  IF v_scope IS NOT NULL THEN
    INSERT INTO "LookupAttempt" ("id", "userId", "apiTokenId", "organizationId", "numberInput", "guaranteeId", "outcome", "clientAddress", "createdAt")
    VALUES (gen_random_uuid(), p_user_id, v_token, v_org, p_number_input, NULL, 'THROTTLED', p_client_address, p_wall);
    RETURN QUERY SELECT CAST('THROTTLED' AS text), v_token, v_org, v_scope, v_wait, false, NULL::uuid, false, NULL::text, NULL::uuid, NULL::timestamp(3), NULL::jsonb;
    RETURN;
  END IF;

  IF NOT v_right THEN
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

  RETURN QUERY SELECT CAST('FOUND' AS text), v_token, v_org, NULL::text, NULL::integer, false, v_gid, true, CAST(v_status AS text), v_conf, v_conf_at, v_versions;
END
$$ LANGUAGE plpgsql;
