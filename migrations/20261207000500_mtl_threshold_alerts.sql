-- Threshold events (issue 18): the first time a gaming day a patron's cash total in one direction reaches the
-- watchlist floor, or passes the CTR threshold, the MTL trigger writes an alert and an audit row
-- (`mtl.threshold_reached`) in the transaction of the entry that crossed it, so the compliance page hears of it
-- live. A level is reached once per patron, gaming day and direction (a reversal taking the total back under it
-- and a later entry crossing again is the same crossing); the unique key holds that whoever writes. An officer
-- acknowledges an alert once, by appending an acknowledgement.
create table mtl_threshold_alert (
    id               uuid primary key,
    casino_id        uuid not null,
    player_id        uuid not null,
    gaming_day       date not null,
    direction        financial_direction not null,
    level            text not null,
    -- The entry that crossed, and the day's total in its direction with it.
    financial_txn_id uuid not null,
    day_total_cents  bigint not null,
    reached_at       timestamptz not null,
    constraint mtl_threshold_alert_once_key unique (casino_id, player_id, gaming_day, direction, level),
    constraint mtl_threshold_alert_casino_id_id_key unique (casino_id, id),
    constraint mtl_threshold_alert_enrollment_fkey foreign key (casino_id, player_id)
        references player_casino (casino_id, player_id),
    constraint mtl_threshold_alert_financial_txn_fkey foreign key (casino_id, financial_txn_id)
        references player_financial_transaction (casino_id, id),
    constraint mtl_threshold_alert_level_check check (level in ('watchlist', 'ctr'))
);
create index mtl_threshold_alert_recent_idx on mtl_threshold_alert (casino_id, reached_at desc);
create index mtl_threshold_alert_financial_txn_idx on mtl_threshold_alert (casino_id, financial_txn_id);
create trigger mtl_threshold_alert_append_only before update or delete on mtl_threshold_alert
    for each row execute function reject_modification();
create trigger mtl_threshold_alert_no_truncate before truncate on mtl_threshold_alert
    for each statement execute function reject_modification();

-- Like the MTL itself, read by compliance, pit bosses and admins and written only by the trigger (as the owner).
alter table mtl_threshold_alert owner to pitboss_owner;
grant select on mtl_threshold_alert to pitboss_app;
alter table mtl_threshold_alert enable row level security;
alter table mtl_threshold_alert force row level security;
create policy mtl_threshold_alert_read_compliance_roles on mtl_threshold_alert for select
    using (casino_id = app_casino_id() and app_staff_role() in ('compliance', 'pit_boss', 'admin'));
create policy mtl_threshold_alert_system_read on mtl_threshold_alert for select to pitboss_owner
    using (casino_id = app_casino_id());
create policy mtl_threshold_alert_system_insert on mtl_threshold_alert for insert to pitboss_owner
    with check (casino_id = app_casino_id());

-- One acknowledgement per alert (its primary key), by the officer who made it.
create table mtl_alert_acknowledgement (
    alert_id        uuid primary key,
    casino_id       uuid not null,
    staff_id        uuid not null,
    acknowledged_at timestamptz not null default now(),
    constraint mtl_alert_acknowledgement_alert_fkey foreign key (casino_id, alert_id)
        references mtl_threshold_alert (casino_id, id),
    constraint mtl_alert_acknowledgement_staff_fkey foreign key (casino_id, staff_id) references staff (casino_id, id)
);
create index mtl_alert_acknowledgement_alert_idx on mtl_alert_acknowledgement (casino_id, alert_id);
create index mtl_alert_acknowledgement_staff_idx on mtl_alert_acknowledgement (casino_id, staff_id);
create trigger mtl_alert_acknowledgement_append_only before update or delete on mtl_alert_acknowledgement
    for each row execute function reject_modification();
create trigger mtl_alert_acknowledgement_no_truncate before truncate on mtl_alert_acknowledgement
    for each statement execute function reject_modification();

alter table mtl_alert_acknowledgement owner to pitboss_owner;
grant select, insert on mtl_alert_acknowledgement to pitboss_app;
alter table mtl_alert_acknowledgement enable row level security;
alter table mtl_alert_acknowledgement force row level security;
create policy mtl_alert_acknowledgement_read_compliance_roles on mtl_alert_acknowledgement for select
    using (casino_id = app_casino_id() and app_staff_role() in ('compliance', 'pit_boss', 'admin'));
create policy mtl_alert_acknowledgement_write_compliance on mtl_alert_acknowledgement for insert
    with check (casino_id = app_casino_id() and app_staff_role() in ('compliance', 'admin')
                and staff_id = app_staff_id());

-- The MTL trigger, as before, now also raising the day's threshold events: after logging, each level the
-- running total has reached (watchlist at the floor, CTR above the threshold) that has no alert yet that day
-- and direction gets one, and an audit row on the live stream. Reversals raise none. Entries of one patron are
-- written one at a time (rpc_create_financial_txn's lock), so the total is exact; the unique key is the
-- backstop.
create or replace function mtl_log_cash_transaction() returns trigger
    language plpgsql
    security definer
    set search_path = public, pg_temp
    as $$
declare
    v_floor  bigint;
    v_ctr    bigint;
    v_total  bigint;
    v_logged boolean;
    v_level  text;
    v_alert  uuid;
begin
    if new.tender <> 'cash' then
        return null;
    end if;
    select watchlist_floor_cents, ctr_threshold_cents into v_floor, v_ctr
        from casino_settings where casino_id = new.casino_id;
    select coalesce(sum(case when reverses_id is null then amount_cents else -amount_cents end), 0) into v_total
        from player_financial_transaction
        where casino_id = new.casino_id and player_id = new.player_id and gaming_day = new.gaming_day
          and direction = new.direction and tender = 'cash';
    if new.reverses_id is null then
        v_logged := v_total >= v_floor;
    else
        v_logged := exists (select 1 from mtl_entry where casino_id = new.casino_id and financial_txn_id = new.reverses_id);
    end if;
    if v_logged then
        insert into mtl_entry (id, casino_id, player_id, financial_txn_id, visit_id, rating_slip_id, staff_id,
                               direction, source, amount_cents, is_reversal, day_total_cents, gaming_day, created_at)
            values (gen_random_uuid(), new.casino_id, new.player_id, new.id, new.visit_id, new.rating_slip_id,
                    new.staff_id, new.direction, new.source, new.amount_cents, new.reverses_id is not null, v_total,
                    new.gaming_day, new.created_at);
    end if;
    if new.reverses_id is not null then
        return null;
    end if;
    foreach v_level in array array['watchlist', 'ctr'] loop
        continue when (v_level = 'watchlist' and not v_total >= v_floor) or (v_level = 'ctr' and not v_total > v_ctr);
        insert into mtl_threshold_alert (id, casino_id, player_id, gaming_day, direction, level, financial_txn_id,
                                         day_total_cents, reached_at)
            values (gen_random_uuid(), new.casino_id, new.player_id, new.gaming_day, new.direction, v_level, new.id,
                    v_total, new.created_at)
            on conflict on constraint mtl_threshold_alert_once_key do nothing
            returning id into v_alert;
        continue when v_alert is null;
        insert into audit_log (casino_id, action, entity, entity_id, after)
            values (new.casino_id, 'mtl.threshold_reached', 'mtl_threshold_alert', v_alert,
                    json_build_object('player_id', new.player_id, 'gaming_day', new.gaming_day,
                                      'direction', new.direction, 'level', v_level, 'day_total_cents', v_total,
                                      'financial_txn_id', new.id));
        v_alert := null;
    end loop;
    return null;
end
$$;

-- The audit log names the new record (pitboss::live::Entity).
alter table audit_log drop constraint audit_log_entity_known;
alter table audit_log add constraint audit_log_entity_known check (entity in (
    'casino', 'casino_settings', 'dealer_rotation', 'feature_flag', 'game_settings', 'gaming_table',
    'loyalty_ledger', 'mtl_audit_note', 'mtl_threshold_alert', 'player', 'player_exclusion',
    'player_financial_transaction', 'rating_slip', 'staff', 'table_cage_request', 'table_drop',
    'table_inventory_count', 'visit'
));

-- The MTL of any gaming day, a page at a time, newest first (POST /api/mtl/entries): one index range per page.
create index mtl_entry_day_recent_idx on mtl_entry (casino_id, gaming_day, created_at desc, id desc);
