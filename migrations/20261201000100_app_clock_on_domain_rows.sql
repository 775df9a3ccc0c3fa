-- Every time a domain row records comes from app_now(): the database clock, or the instant the caller set for
-- its transaction with `app.clock` (db::scoped_at: the shift simulator and the clock tests). Without this a
-- simulated shift would mix simulated instants with the real clock and its durations would be meaningless.
-- Audit rows keep now(): they record when a change was written. Session, sign-in and chain bookkeeping keep now().

alter table dealer_rotation alter column started_at set default app_now();
alter table visit alter column started_at set default app_now();
alter table rating_slip alter column started_at set default app_now();
alter table rating_slip_pause alter column started_at set default app_now();
alter table loyalty_ledger alter column created_at set default app_now();
alter table player_casino alter column enrolled_at set default app_now();

-- A default may be replaced in place; the body is unchanged.
create or replace function compute_gaming_day(p_casino_id uuid, p_ts timestamptz default app_now()) returns date
    language sql stable parallel safe
    as $$
        select gaming_day_at(p_ts, s.timezone, s.gaming_day_start)
        from casino_settings s
        where s.casino_id = p_casino_id
    $$;

-- Unchanged but for the seconds played, now measured at app_now().
create or replace function rpc_issue_mid_session_reward(
    p_player_id uuid, p_rating_slip_id uuid, p_points int, p_idempotency_key uuid, p_reason text
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
    v_seconds integer;
    v_theo    bigint;
begin
    if v_casino is null or v_staff is null then
        raise exception 'no casino or staff in the request context' using errcode = 'PB401';
    end if;
    perform pg_advisory_xact_lock(hashtextextended(v_casino::text || p_idempotency_key::text, 0));
    select * into v_entry from loyalty_ledger where casino_id = v_casino and idempotency_key = p_idempotency_key;
    if found then
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
    v_seconds := rating_slip_seconds(v_slip, app_now());
    v_theo := floor(v_slip.average_bet_cents::numeric * (v_slip.policy_snapshot ->> 'house_edge_bps')::numeric
               * (v_slip.policy_snapshot ->> 'decisions_per_hour')::numeric * v_seconds / 36000000)::bigint;
    insert into loyalty_ledger (id, casino_id, player_id, rating_slip_id, visit_id, staff_id, points, reason,
                                average_bet_cents, seconds_played, theo_cents, balance_after, gaming_day,
                                idempotency_key)
        values (gen_random_uuid(), v_casino, p_player_id, p_rating_slip_id, v_slip.visit_id, v_staff, p_points,
                p_reason::loyalty_reason, v_slip.average_bet_cents, v_seconds, v_theo,
                v_balance, compute_gaming_day(v_casino), p_idempotency_key)
        returning * into v_entry;
    insert into audit_log (casino_id, action, entity, entity_id, after)
        values (v_casino, 'loyalty_ledger.reward_issued', 'loyalty_ledger', v_entry.id,
                json_build_object('rating_slip_id', p_rating_slip_id, 'player_id', p_player_id,
                                  'points', p_points, 'reason', p_reason, 'balance_after', v_entry.balance_after));
    return v_entry;
end
$$;
