-- Loyalty: an append-only points ledger per player and casino, the balance kept beside it in the same
-- transaction, mid-session rewards through rpc_issue_mid_session_reward, and theo-based accrual when a slip
-- closes (at most once per slip).

create type loyalty_reason as enum ('mid_session', 'session_end', 'manual_adjustment', 'promotion', 'correction');
alter type loyalty_reason owner to pitboss_owner;

create table loyalty_ledger (
    id                uuid primary key,
    casino_id         uuid not null,
    player_id         uuid not null,
    rating_slip_id    uuid,
    visit_id          uuid,
    staff_id          uuid,
    points            integer not null,
    reason            loyalty_reason not null,
    -- What the slip showed when the points were issued.
    average_bet_cents bigint,
    seconds_played    integer,
    theo_cents        bigint,
    balance_after     bigint not null,
    gaming_day        date not null,
    idempotency_key   uuid not null,
    created_at        timestamptz not null default now(),
    constraint loyalty_ledger_idempotency_key_key unique (casino_id, idempotency_key),
    constraint loyalty_ledger_enrollment_fkey foreign key (casino_id, player_id)
        references player_casino (casino_id, player_id),
    constraint loyalty_ledger_rating_slip_fkey foreign key (casino_id, rating_slip_id) references rating_slip (casino_id, id),
    constraint loyalty_ledger_visit_fkey foreign key (casino_id, visit_id) references visit (casino_id, id),
    constraint loyalty_ledger_staff_fkey foreign key (casino_id, staff_id) references staff (casino_id, id),
    -- Closing a slip always leaves its accrual row, even for 0 points, so "accrued once" is checkable.
    constraint loyalty_ledger_points_check check (case when reason = 'session_end' then points >= 0 else points <> 0 end)
);
-- Closing a slip accrues once, whichever path closed it.
create unique index loyalty_ledger_one_accrual_per_slip_key on loyalty_ledger (casino_id, rating_slip_id)
    where reason = 'session_end';
create index loyalty_ledger_casino_id_player_id_idx on loyalty_ledger (casino_id, player_id, created_at desc);
create index loyalty_ledger_casino_id_rating_slip_id_idx on loyalty_ledger (casino_id, rating_slip_id);
create index loyalty_ledger_casino_id_visit_id_idx on loyalty_ledger (casino_id, visit_id);
create index loyalty_ledger_casino_id_staff_id_idx on loyalty_ledger (casino_id, staff_id);
create trigger loyalty_ledger_append_only before update or delete on loyalty_ledger
    for each row execute function reject_modification();
create trigger loyalty_ledger_no_truncate before truncate on loyalty_ledger
    for each statement execute function reject_modification();

alter table loyalty_ledger owner to pitboss_owner;
grant select, insert on loyalty_ledger to pitboss_app;
alter table loyalty_ledger enable row level security;
alter table loyalty_ledger force row level security;
create policy loyalty_ledger_read_same_casino on loyalty_ledger for select
    using (casino_id = app_casino_id());
-- Entries are appended by the pit (rewards, accrual at close); there is no update or delete policy.
create policy loyalty_ledger_append_only on loyalty_ledger for insert
    with check (casino_id = app_casino_id() and app_staff_role() in ('pit_boss', 'admin'));

-- Rated seconds of a slip at p_at: its span minus its pauses (a slip has at most one pause open at a time,
-- each begun after the last ended, so they never overlap). Rust's rating_slip::rules::active_seconds is the
-- same rule for the app; tests check they agree.
create function rating_slip_seconds(p_slip rating_slip, p_at timestamptz) returns integer
    language sql stable
    as $$
        select greatest(0, floor(extract(epoch from (coalesce(p_slip.ended_at, p_at) - p_slip.started_at))
                        - coalesce((select sum(extract(epoch from
                                        least(coalesce(p.ended_at, p_at), coalesce(p_slip.ended_at, p_at))
                                        - greatest(p.started_at, p_slip.started_at)))
                                    from rating_slip_pause p
                                    where p.casino_id = p_slip.casino_id and p.slip_id = p_slip.id
                                      and p.started_at < coalesce(p_slip.ended_at, p_at)), 0)))::integer
    $$;
alter function rating_slip_seconds(rating_slip, timestamptz) owner to pitboss_owner;

-- Issues loyalty points during play (US-005). Casino, staff and role come from the transaction context, never
-- from parameters. Refusals carry SQLSTATEs the app maps to error codes:
--   PB401 no context · PB403 role may not issue · PB404 no such slip here · PB409 slip closed ·
--   PB410 slip belongs to another player · PB422 points not positive · PB423 over the cap · PB424 bad reason.
-- A retry with the same key returns the first entry unchanged, even if the slip has closed since, and writes
-- nothing: an advisory lock on the key makes concurrent duplicates wait for the first to commit.
create function rpc_issue_mid_session_reward(
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
    v_seconds := rating_slip_seconds(v_slip, now());
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
alter function rpc_issue_mid_session_reward(uuid, uuid, int, uuid, text) owner to pitboss_owner;
