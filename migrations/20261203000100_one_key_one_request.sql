-- One request id, one request (issue: a replayed id was matched by action name only).
--
-- The idempotent-request store keeps a digest of the request's canonical arguments beside the key, so a resend
-- with other arguments is refused instead of answered with the first response (src/db/idempotent.rs). Rows
-- written before this migration have no digest and replay as before.
--
-- The ledgers' own keys get the same rule for every writer: a replay of a reward, a finance entry or a reversal
-- must carry the first call's arguments, or is refused with PB412. Custom SQLSTATEs now have one meaning each,
-- registered in src/error/sqlstate.rs: PB409 stays "the slip is closed", and a player not enrolled here, which
-- finance also raised as PB409, becomes PB411.
--
-- Theo and rated seconds are computed once, in Rust (src/rating_slip/rules.rs): the reward takes them from its
-- caller, which reads them off the slip it has locked, and the database's copy of the rule goes.

alter table idempotent_request add column request_digest bytea;

drop function rpc_issue_mid_session_reward(uuid, uuid, int, uuid, text);
drop function rating_slip_seconds(rating_slip, timestamptz);

-- Issues loyalty points during play. Casino, staff and role come from the transaction context, never from
-- parameters; seconds played and theo at the reward are the caller's reading of the slip. Refusals:
--   PB401 no context · PB403 role may not issue · PB404 no such slip here · PB409 slip closed ·
--   PB410 slip belongs to another player · PB412 key used for another request · PB422 points not positive ·
--   PB423 over the cap · PB424 bad reason · PB425 seconds or theo missing or negative.
-- A retry with the same key and arguments returns the first entry unchanged, even if the slip has closed since,
-- and writes nothing: an advisory lock on the key makes concurrent duplicates wait for the first to commit.
create function rpc_issue_mid_session_reward(
    p_player_id uuid, p_rating_slip_id uuid, p_points int, p_idempotency_key uuid, p_reason text,
    p_seconds_played int, p_theo_cents bigint
) returns loyalty_ledger
    language plpgsql
    as $$
declare
    v_casino  uuid := app_casino_id();
    v_staff   uuid := app_staff_id();
    v_entry   loyalty_ledger;
    v_slip    rating_slip;
    v_cap     integer;
    v_balance bigint;
begin
    if v_casino is null or v_staff is null then
        raise exception 'no casino or staff in the request context' using errcode = 'PB401';
    end if;
    perform pg_advisory_xact_lock(hashtextextended(v_casino::text || p_idempotency_key::text, 0));
    select * into v_entry from loyalty_ledger where casino_id = v_casino and idempotency_key = p_idempotency_key;
    if found then
        if v_entry.player_id is distinct from p_player_id or v_entry.rating_slip_id is distinct from p_rating_slip_id
           or v_entry.points is distinct from p_points or v_entry.reason::text is distinct from p_reason then
            raise exception 'request id % was already used for a different request', p_idempotency_key
                using errcode = 'PB412';
        end if;
        return v_entry;
    end if;
    if app_staff_role() is distinct from 'pit_boss' and app_staff_role() is distinct from 'admin' then
        raise exception 'only pit bosses and admins issue rewards' using errcode = 'PB403';
    end if;
    if p_reason is null or p_reason not in ('mid_session', 'promotion') then
        raise exception 'reason must be mid_session or promotion' using errcode = 'PB424';
    end if;
    if p_points is null or p_points <= 0 then
        raise exception 'points must be positive' using errcode = 'PB422';
    end if;
    select reward_cap_points into v_cap from casino_settings where casino_id = v_casino;
    if p_points > v_cap then
        raise exception 'points above the cap of %', v_cap using errcode = 'PB423';
    end if;
    select * into v_slip from rating_slip where casino_id = v_casino and id = p_rating_slip_id for update;
    if not found then
        raise exception 'no such rating slip' using errcode = 'PB404';
    end if;
    if v_slip.player_id <> p_player_id then
        raise exception 'the slip belongs to another player' using errcode = 'PB410';
    end if;
    if v_slip.status = 'closed' then
        raise exception 'the slip is closed' using errcode = 'PB409';
    end if;
    insert into player_loyalty (casino_id, player_id, balance_points) values (v_casino, p_player_id, p_points)
        on conflict (casino_id, player_id) do update set balance_points = player_loyalty.balance_points + excluded.balance_points
        returning balance_points into v_balance;
    if p_seconds_played is null or p_seconds_played < 0 or p_theo_cents is null or p_theo_cents < 0 then
        raise exception 'seconds played and theo must be known and not negative' using errcode = 'PB425';
    end if;
    insert into loyalty_ledger (id, casino_id, player_id, rating_slip_id, visit_id, staff_id, points, reason,
                                average_bet_cents, seconds_played, theo_cents, balance_after, gaming_day,
                                idempotency_key)
        values (gen_random_uuid(), v_casino, p_player_id, p_rating_slip_id, v_slip.visit_id, v_staff, p_points,
                p_reason::loyalty_reason, v_slip.average_bet_cents, p_seconds_played, p_theo_cents,
                v_balance, compute_gaming_day(v_casino), p_idempotency_key)
        returning * into v_entry;
    insert into audit_log (casino_id, action, entity, entity_id, after)
        values (v_casino, 'loyalty_ledger.reward_issued', 'loyalty_ledger', v_entry.id,
                json_build_object('rating_slip_id', p_rating_slip_id, 'player_id', p_player_id,
                                  'points', p_points, 'reason', p_reason, 'balance_after', v_entry.balance_after));
    return v_entry;
end
$$;
alter function rpc_issue_mid_session_reward(uuid, uuid, int, uuid, text, int, bigint) owner to pitboss_owner;

-- Unchanged but for the replay check (PB412) and PB411 for a player not enrolled here.
create or replace function rpc_create_financial_txn(
    p_player_id uuid, p_direction financial_direction, p_amount_cents bigint, p_tender financial_tender,
    p_source financial_source, p_visit_id uuid, p_rating_slip_id uuid, p_note text, p_idempotency_key uuid
) returns player_financial_transaction
    language plpgsql
    as $$
declare
    v_casino uuid := app_casino_id();
    v_entry  player_financial_transaction;
    v_owner  uuid;
    v_visit  uuid := p_visit_id;
    v_at     timestamptz := app_now();
begin
    perform pg_advisory_xact_lock(hashtextextended(coalesce(v_casino::text, '') || p_idempotency_key::text, 0));
    select * into v_entry from player_financial_transaction
        where casino_id = v_casino and idempotency_key = p_idempotency_key;
    if found then
        if v_entry.player_id is distinct from p_player_id or v_entry.direction is distinct from p_direction
           or v_entry.amount_cents is distinct from p_amount_cents or v_entry.tender is distinct from p_tender
           or v_entry.source is distinct from p_source or v_entry.rating_slip_id is distinct from p_rating_slip_id
           or (p_visit_id is not null and v_entry.visit_id is distinct from p_visit_id)
           or v_entry.note is distinct from nullif(btrim(p_note), '') or v_entry.reverses_id is not null then
            raise exception 'request id % was already used for a different request', p_idempotency_key
                using errcode = 'PB412';
        end if;
        return v_entry;
    end if;
    perform finance_check_caller(p_source);
    if p_amount_cents is null or p_amount_cents <= 0 then
        raise exception 'the amount must be positive' using errcode = 'PB452';
    end if;
    if char_length(p_note) > 200 then
        raise exception 'the note is longer than 200 characters' using errcode = 'PB453';
    end if;
    if not exists (select 1 from player_casino where casino_id = v_casino and player_id = p_player_id) then
        raise exception 'the player is not enrolled here' using errcode = 'PB411';
    end if;
    if p_rating_slip_id is not null then
        select player_id, visit_id into v_owner, v_visit from rating_slip
            where casino_id = v_casino and id = p_rating_slip_id;
        if not found then
            raise exception 'no such rating slip' using errcode = 'PB404';
        end if;
        if v_owner <> p_player_id or (p_visit_id is not null and p_visit_id <> v_visit) then
            raise exception 'the rating slip is another player''s' using errcode = 'PB410';
        end if;
    elsif p_visit_id is not null then
        select player_id into v_owner from visit where casino_id = v_casino and id = p_visit_id;
        if not found then
            raise exception 'no such visit' using errcode = 'PB404';
        end if;
        if v_owner <> p_player_id then
            raise exception 'the visit is another player''s' using errcode = 'PB410';
        end if;
    end if;
    perform pg_advisory_xact_lock(hashtextextended('finance:' || v_casino::text || p_player_id::text, 0));
    insert into player_financial_transaction (id, casino_id, player_id, visit_id, rating_slip_id, direction,
                                              amount_cents, tender, source, note, gaming_day, staff_id,
                                              idempotency_key, created_at)
        values (gen_random_uuid(), v_casino, p_player_id, v_visit, p_rating_slip_id, p_direction, p_amount_cents,
                p_tender, p_source, nullif(btrim(p_note), ''), compute_gaming_day(v_casino, v_at), app_staff_id(),
                p_idempotency_key, v_at)
        returning * into v_entry;
    insert into audit_log (casino_id, action, entity, entity_id, after)
        values (v_casino, 'player_financial_transaction.created', 'player_financial_transaction', v_entry.id,
                json_build_object('player_id', p_player_id, 'direction', p_direction, 'amount_cents', p_amount_cents,
                                  'tender', p_tender, 'source', p_source, 'gaming_day', v_entry.gaming_day,
                                  'visit_id', v_visit, 'rating_slip_id', p_rating_slip_id));
    return v_entry;
end
$$;

-- Unchanged but for the replay check (PB412).
create or replace function rpc_reverse_financial_txn(p_original_id uuid, p_note text, p_idempotency_key uuid)
    returns player_financial_transaction
    language plpgsql
    as $$
declare
    v_casino   uuid := app_casino_id();
    v_entry    player_financial_transaction;
    v_original player_financial_transaction;
begin
    perform pg_advisory_xact_lock(hashtextextended(coalesce(v_casino::text, '') || p_idempotency_key::text, 0));
    select * into v_entry from player_financial_transaction
        where casino_id = v_casino and idempotency_key = p_idempotency_key;
    if found then
        if v_entry.reverses_id is distinct from p_original_id or v_entry.note is distinct from btrim(p_note) then
            raise exception 'request id % was already used for a different request', p_idempotency_key
                using errcode = 'PB412';
        end if;
        return v_entry;
    end if;
    select * into v_original from player_financial_transaction where casino_id = v_casino and id = p_original_id;
    if not found then
        perform finance_check_caller(null);
        raise exception 'no such finance entry' using errcode = 'PB404';
    end if;
    perform finance_check_caller(v_original.source);
    if p_note is null or btrim(p_note) = '' or char_length(p_note) > 200 then
        raise exception 'a reversal needs a reason of 1 to 200 characters' using errcode = 'PB453';
    end if;
    perform pg_advisory_xact_lock(hashtextextended('finance:' || v_casino::text || v_original.player_id::text, 0));
    if v_original.reverses_id is not null
       or exists (select 1 from player_financial_transaction where casino_id = v_casino and reverses_id = p_original_id) then
        raise exception 'the entry is a reversal or already reversed' using errcode = 'PB455';
    end if;
    insert into player_financial_transaction (id, casino_id, player_id, visit_id, rating_slip_id, direction,
                                              amount_cents, tender, source, note, reverses_id, gaming_day, staff_id,
                                              idempotency_key, created_at)
        values (gen_random_uuid(), v_casino, v_original.player_id, v_original.visit_id, v_original.rating_slip_id,
                v_original.direction, v_original.amount_cents, v_original.tender, v_original.source, btrim(p_note),
                p_original_id, v_original.gaming_day, app_staff_id(), p_idempotency_key, app_now())
        returning * into v_entry;
    insert into audit_log (casino_id, action, entity, entity_id, before, after)
        values (v_casino, 'player_financial_transaction.reversed', 'player_financial_transaction', v_entry.id,
                json_build_object('reverses_id', p_original_id),
                json_build_object('player_id', v_entry.player_id, 'direction', v_entry.direction,
                                  'amount_cents', v_entry.amount_cents, 'gaming_day', v_entry.gaming_day,
                                  'reason', v_entry.note));
    return v_entry;
end
$$;
