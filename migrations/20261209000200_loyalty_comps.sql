-- Comps and redemption, manual adjustments and corrections, authority limits, second-person approval
-- (issue 19).
--
-- Every point the pit gives or takes at its own discretion (a comp, a manual adjustment, a correction, a
-- reward beyond what the slip earned, a promotion) counts against the authority of the staff member who
-- authorized it, per comp and per gaming day. A request beyond the requester's authority waits, pending, for a
-- different staff member whose authority covers it; the balance moves only when it is approved.

-- Authority per role (admins have no limit) and the rate of "at value" comps. Zero means every comp of that
-- role waits for approval.
alter table casino_settings
    add column comp_points_per_dollar     integer not null default 10,
    add column pit_boss_comp_limit_points integer not null default 500,
    add column pit_boss_day_limit_points  integer not null default 2000,
    add column cashier_comp_limit_points  integer not null default 250,
    add column cashier_day_limit_points   integer not null default 1000,
    add constraint casino_settings_comp_rate_check check (comp_points_per_dollar between 1 and 10000),
    add constraint casino_settings_authority_check check (
        pit_boss_comp_limit_points between 0 and 1000000 and cashier_comp_limit_points between 0 and 1000000
        and pit_boss_day_limit_points between pit_boss_comp_limit_points and 10000000
        and cashier_day_limit_points between cashier_comp_limit_points and 10000000);

-- The casino's comp catalog: items at a fixed point cost, or "at value" (null cost: points = value × the
-- casino's comp_points_per_dollar). Items are retired, never deleted, so old comp slips keep their item.
create type comp_category as enum ('food', 'beverage', 'room', 'free_play', 'retail', 'other');
alter type comp_category owner to pitboss_owner;
create table comp_item (
    id         uuid primary key,
    casino_id  uuid not null,
    name       text not null,
    category   comp_category not null,
    point_cost integer,
    active     boolean not null default true,
    -- Who last changed it.
    staff_id   uuid not null,
    created_at timestamptz not null default app_now(),
    updated_at timestamptz not null default now(),
    constraint comp_item_casino_fkey foreign key (casino_id) references casino (id),
    constraint comp_item_staff_fkey foreign key (casino_id, staff_id) references staff (casino_id, id),
    constraint comp_item_casino_id_id_key unique (casino_id, id),
    constraint comp_item_name_check check (char_length(name) between 1 and 80),
    constraint comp_item_point_cost_check check (point_cost is null or point_cost between 1 and 1000000)
);
create unique index comp_item_name_key on comp_item (casino_id, lower(name));
create index comp_item_staff_idx on comp_item (casino_id, staff_id);
create trigger comp_item_set_updated_at before update on comp_item
    for each row execute function set_updated_at();

alter table comp_item owner to pitboss_owner;
grant select, insert, update on comp_item to pitboss_app;
alter table comp_item enable row level security;
alter table comp_item force row level security;
create policy comp_item_read_same_casino on comp_item for select
    using (casino_id = app_casino_id());
create policy comp_item_write_admin on comp_item for all
    using (casino_id = app_casino_id() and app_staff_role() = 'admin')
    with check (casino_id = app_casino_id() and app_staff_role() = 'admin' and staff_id = app_staff_id());

-- Each comp, manual adjustment or correction a staff member asks for: approved at once within their
-- authority, else pending until another staff member approves or denies it. A pending request left at the end
-- of its gaming day has expired (read as such; it can no longer be decided). The number is the comp slip's.
create type loyalty_request_status as enum ('approved', 'pending', 'denied');
alter type loyalty_request_status owner to pitboss_owner;
create sequence loyalty_request_number_seq;
alter sequence loyalty_request_number_seq owner to pitboss_owner;
grant usage on sequence loyalty_request_number_seq to pitboss_app;
create table loyalty_request (
    id            uuid primary key,
    casino_id     uuid not null,
    number        bigint not null default nextval('loyalty_request_number_seq'),
    player_id     uuid not null,
    reason        loyalty_reason not null,
    comp_item_id  uuid,
    quantity      integer not null default 1,
    value_cents   bigint,
    -- What the balance moves by: negative for a comp.
    points        integer not null,
    note          text not null default '',
    corrects_id   uuid,
    -- Who asked.
    staff_id      uuid not null,
    status        loyalty_request_status not null,
    -- Who approved or denied it; null when it was within the asker's own authority.
    decided_by    uuid,
    decided_at    timestamptz,
    decision_note text not null default '',
    gaming_day    date not null,
    created_at    timestamptz not null default app_now(),
    updated_at    timestamptz not null default now(),
    constraint loyalty_request_casino_fkey foreign key (casino_id) references casino (id),
    constraint loyalty_request_enrollment_fkey foreign key (casino_id, player_id)
        references player_casino (casino_id, player_id),
    constraint loyalty_request_item_fkey foreign key (casino_id, comp_item_id) references comp_item (casino_id, id),
    constraint loyalty_request_staff_fkey foreign key (casino_id, staff_id) references staff (casino_id, id),
    constraint loyalty_request_decided_by_fkey foreign key (casino_id, decided_by) references staff (casino_id, id),
    constraint loyalty_request_casino_id_id_key unique (casino_id, id),
    constraint loyalty_request_number_key unique (casino_id, number),
    constraint loyalty_request_reason_check check (reason in ('redemption', 'manual_adjustment', 'correction')),
    constraint loyalty_request_points_check check (points <> 0 and (reason <> 'redemption' or points < 0)),
    constraint loyalty_request_quantity_check check (quantity between 1 and 99),
    constraint loyalty_request_value_check check (value_cents is null or value_cents > 0),
    constraint loyalty_request_note_check check (char_length(note) <= 200 and char_length(decision_note) <= 200),
    constraint loyalty_request_adjustment_note_check check (reason = 'redemption' or char_length(btrim(note)) > 0),
    constraint loyalty_request_corrects_check check ((reason = 'correction') = (corrects_id is not null)),
    constraint loyalty_request_decision_check check (
        (status = 'pending' and decided_by is null and decided_at is null)
        or (status = 'approved' and decided_at is not null)
        or (status = 'denied' and decided_by is not null and decided_at is not null)),
    -- Four eyes: nobody decides their own request.
    constraint loyalty_request_second_person_check check (decided_by is distinct from staff_id)
);
create index loyalty_request_queue_idx on loyalty_request (casino_id, status, gaming_day);
create index loyalty_request_player_idx on loyalty_request (casino_id, player_id, created_at desc);
create index loyalty_request_item_idx on loyalty_request (casino_id, comp_item_id);
create index loyalty_request_staff_idx on loyalty_request (casino_id, staff_id);
create index loyalty_request_decided_by_idx on loyalty_request (casino_id, decided_by);
create index loyalty_request_corrects_idx on loyalty_request (casino_id, corrects_id);
create trigger loyalty_request_set_updated_at before update on loyalty_request
    for each row execute function set_updated_at();
create trigger loyalty_request_no_delete before delete on loyalty_request
    for each row execute function reject_modification();
create trigger loyalty_request_no_truncate before truncate on loyalty_request
    for each statement execute function reject_modification();

alter table loyalty_request owner to pitboss_owner;
grant select, insert, update on loyalty_request to pitboss_app;
alter table loyalty_request enable row level security;
alter table loyalty_request force row level security;
create policy loyalty_request_read_same_casino on loyalty_request for select
    using (casino_id = app_casino_id());
-- Pit bosses and admins ask for any of them; cashiers redeem at the cage. Always as themselves.
create policy loyalty_request_ask on loyalty_request for insert
    with check (casino_id = app_casino_id() and staff_id = app_staff_id()
                and (app_staff_role() in ('pit_boss', 'admin')
                     or (app_staff_role() = 'cashier' and reason = 'redemption')));
-- Approving and denying is the floor's.
create policy loyalty_request_decide on loyalty_request for update
    using (casino_id = app_casino_id() and app_staff_role() in ('pit_boss', 'admin'))
    with check (casino_id = app_casino_id() and app_staff_role() in ('pit_boss', 'admin'));

-- The ledger row says whose authority it used and how much of it, which request it carries out, and which
-- row a correction corrects. `seq` numbers rows in the order they were written: a player's rows are written
-- one at a time (their balance row is locked), so each balance_after is the running sum in that order, which
-- created_at (a transaction's start) does not promise.
alter table loyalty_ledger
    add column seq                  bigint generated always as identity,
    add column discretionary_points integer not null default 0,
    add column authorized_by        uuid,
    add column loyalty_request_id   uuid,
    add column corrects_id          uuid,
    add constraint loyalty_ledger_casino_id_id_key unique (casino_id, id),
    add constraint loyalty_ledger_discretionary_check check (discretionary_points >= 0),
    add constraint loyalty_ledger_authorized_by_fkey foreign key (casino_id, authorized_by)
        references staff (casino_id, id),
    add constraint loyalty_ledger_request_fkey foreign key (casino_id, loyalty_request_id)
        references loyalty_request (casino_id, id),
    add constraint loyalty_ledger_corrects_fkey foreign key (casino_id, corrects_id)
        references loyalty_ledger (casino_id, id),
    add constraint loyalty_ledger_corrects_check check ((reason = 'correction') = (corrects_id is not null)),
    add constraint loyalty_ledger_redemption_check check (reason <> 'redemption' or points < 0);
create index loyalty_ledger_authority_idx on loyalty_ledger (casino_id, authorized_by, gaming_day);
create unique index loyalty_ledger_one_row_per_request_key on loyalty_ledger (casino_id, loyalty_request_id);
create index loyalty_ledger_corrects_idx on loyalty_ledger (casino_id, corrects_id);

drop policy loyalty_ledger_append_only on loyalty_ledger;
create policy loyalty_ledger_append_only on loyalty_ledger for insert
    with check (casino_id = app_casino_id()
                and (app_staff_role() in ('pit_boss', 'admin')
                     or (app_staff_role() = 'cashier' and reason = 'redemption')));

-- A balance never goes below zero, whoever writes it; cashiers move it when they redeem.
alter table player_loyalty add constraint player_loyalty_balance_check check (balance_points >= 0);
create policy player_loyalty_cashier_redeems on player_loyalty for update
    using (casino_id = app_casino_id() and app_staff_role() = 'cashier')
    with check (casino_id = app_casino_id() and app_staff_role() = 'cashier');

-- An excluded player gets no comp either.
create or replace function player_exclusion_guard() returns trigger
    language plpgsql
    as $$
begin
    -- Nested, not joined with `and`: PL/pgSQL does not short-circuit, and each table has only its own fields.
    if tg_table_name = 'visit' then
        if tg_op = 'UPDATE' and (new.table_id is null or (new.table_id is not distinct from old.table_id
                                                          and new.seat_number is not distinct from old.seat_number)) then
            return new;
        end if;
    elsif new.reason::text not in ('mid_session', 'promotion', 'redemption') then
        return new;
    end if;
    if player_is_excluded(new.casino_id, new.player_id) then
        raise exception 'player % is barred or self-excluded here', new.player_id using errcode = 'PB430';
    end if;
    return new;
end
$$;

-- The reward function now records the discretionary part of the reward (decided by the caller, who holds the
-- issuer's authority lock) and whose authority it used. Otherwise unchanged.
drop function rpc_issue_mid_session_reward(uuid, uuid, int, uuid, text, int, bigint);
create function rpc_issue_mid_session_reward(
    p_player_id uuid, p_rating_slip_id uuid, p_points int, p_idempotency_key uuid, p_reason text,
    p_seconds_played int, p_theo_cents bigint, p_discretionary_points int
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
    if p_seconds_played is null or p_seconds_played < 0 or p_theo_cents is null or p_theo_cents < 0
       or p_discretionary_points is null or p_discretionary_points < 0 or p_discretionary_points > p_points then
        raise exception 'seconds played, theo and discretionary points must be known and in range'
            using errcode = 'PB425';
    end if;
    insert into player_loyalty (casino_id, player_id, balance_points) values (v_casino, p_player_id, p_points)
        on conflict (casino_id, player_id) do update set balance_points = player_loyalty.balance_points + excluded.balance_points
        returning balance_points into v_balance;
    insert into loyalty_ledger (id, casino_id, player_id, rating_slip_id, visit_id, staff_id, points, reason,
                                average_bet_cents, seconds_played, theo_cents, balance_after, gaming_day,
                                idempotency_key, discretionary_points, authorized_by)
        values (gen_random_uuid(), v_casino, p_player_id, p_rating_slip_id, v_slip.visit_id, v_staff, p_points,
                p_reason::loyalty_reason, v_slip.average_bet_cents, p_seconds_played, p_theo_cents,
                v_balance, compute_gaming_day(v_casino), p_idempotency_key, p_discretionary_points, v_staff)
        returning * into v_entry;
    insert into audit_log (casino_id, action, entity, entity_id, after)
        values (v_casino, 'loyalty_ledger.reward_issued', 'loyalty_ledger', v_entry.id,
                json_build_object('rating_slip_id', p_rating_slip_id, 'player_id', p_player_id,
                                  'points', p_points, 'reason', p_reason, 'balance_after', v_entry.balance_after,
                                  'discretionary_points', p_discretionary_points));
    return v_entry;
end
$$;
alter function rpc_issue_mid_session_reward(uuid, uuid, int, uuid, text, int, bigint, int) owner to pitboss_owner;

-- The audit log names the new records (pitboss::live::Entity).
alter table audit_log drop constraint audit_log_entity_known;
alter table audit_log add constraint audit_log_entity_known check (entity in (
    'casino', 'casino_settings', 'comp_item', 'ctr_filing', 'dealer_rotation', 'feature_flag', 'game_settings',
    'gaming_table', 'loyalty_ledger', 'loyalty_request', 'mtl_audit_note', 'mtl_threshold_alert', 'player',
    'player_exclusion', 'player_financial_transaction', 'player_identification', 'rating_slip', 'staff',
    'table_cage_request', 'table_drop', 'table_inventory_count', 'visit'
));
