-- Table games accounting (issue 16): the casino's chip set, each table's tray counts, fills and credits with
-- the cage, the drop, and the win/loss derived from them.
--
-- Win of a table for a gaming day = drop + credits − fills + (closing − opening inventory). Inventory is
-- counted at opening, at shift changes and at closing; the time between two consecutive counts of a table
-- while it is open is a *period* (an opening or shift-change count followed by a shift-change or closing
-- count), and a period belongs to the gaming day of the count that ends it. Summing periods rather than
-- taking the day's first and last count keeps a table opened twice in one day right: chips that move while
-- the table is closed are not its win. Only confirmed fills and credits count, in the period their
-- confirmation falls in.

create type inventory_count_kind as enum ('opening', 'shift_change', 'closing');
create type cage_request_kind as enum ('fill', 'credit');
create type cage_request_status as enum ('requested', 'confirmed', 'cancelled');
alter type inventory_count_kind owner to pitboss_owner;
alter type cage_request_kind owner to pitboss_owner;
alter type cage_request_status owner to pitboss_owner;

-- ---- chip set ---------------------------------------------------------------------------------------------------

-- Whether a chip set is usable: 1 to 20 denominations, each from 1 cent to $100,000, strictly ascending.
create function chip_set_valid(p_denominations bigint[]) returns boolean
    language sql immutable parallel safe
    as $$
        select coalesce(cardinality(p_denominations) between 1 and 20, false)
           and not exists (select 1 from unnest(p_denominations) with ordinality d(cents, n)
                           where d.cents is null or d.cents not between 1 and 10000000
                              or d.cents <= coalesce(p_denominations[d.n - 1], 0))
    $$;
alter function chip_set_valid(bigint[]) owner to pitboss_owner;

alter table casino_settings add column chip_denominations bigint[] not null
    default '{100,500,2500,10000,50000,100000,500000}';
alter table casino_settings add constraint casino_settings_chip_denominations_check
    check (chip_set_valid(chip_denominations));

-- The value of a count of chips, `{"<denomination in cents>": <count>, …}`. Which denominations are allowed is
-- the casino's chip set at the time of the count, checked by the service; here, only that the shape is sound,
-- so every writer's total is the same sum.
create function chips_total(p_chips jsonb) returns bigint
    language sql immutable parallel safe
    as $$ select coalesce(sum(key::bigint * value::text::bigint), 0)::bigint from jsonb_each(p_chips) $$;
alter function chips_total(jsonb) owner to pitboss_owner;

create function chips_valid(p_chips jsonb) returns boolean
    language sql immutable parallel safe
    as $$
        select jsonb_typeof(p_chips) = 'object'
           and not exists (select 1 from jsonb_each(p_chips)
                           where key !~ '^[1-9][0-9]{0,7}$' or jsonb_typeof(value) <> 'number'
                              or value::text !~ '^(0|[1-9][0-9]{0,5})$')
    $$;
alter function chips_valid(jsonb) owner to pitboss_owner;

-- What chips are worth is summed here for every writer: whatever total an insert carries is replaced.
create function set_chips_total() returns trigger
    language plpgsql
    as $$
begin
    new.total_cents := chips_total(new.chips);
    return new;
end
$$;
alter function set_chips_total() owner to pitboss_owner;

-- ---- inventory counts -------------------------------------------------------------------------------------------

create table table_inventory_count (
    id          uuid primary key,
    casino_id   uuid not null,
    table_id    uuid not null,
    kind        inventory_count_kind not null,
    chips       jsonb not null,
    total_cents bigint not null,
    counted_by  uuid not null,
    -- The dealer who watched the count.
    witness_id  uuid not null,
    gaming_day  date not null,
    counted_at  timestamptz not null,
    constraint table_inventory_count_casino_id_id_key unique (casino_id, id),
    constraint table_inventory_count_table_fkey foreign key (casino_id, table_id) references gaming_table (casino_id, id),
    constraint table_inventory_count_counted_by_fkey foreign key (casino_id, counted_by) references staff (casino_id, id),
    constraint table_inventory_count_witness_fkey foreign key (casino_id, witness_id) references staff (casino_id, id),
    constraint table_inventory_count_chips_check check (chips_valid(chips)),
    constraint table_inventory_count_witness_check check (witness_id <> counted_by)
);
create index table_inventory_count_table_idx on table_inventory_count (casino_id, table_id, counted_at desc);
create index table_inventory_count_day_idx on table_inventory_count (casino_id, gaming_day);
create index table_inventory_count_counted_by_idx on table_inventory_count (casino_id, counted_by);
create index table_inventory_count_witness_idx on table_inventory_count (casino_id, witness_id);
create trigger table_inventory_count_total before insert on table_inventory_count
    for each row execute function set_chips_total();
create trigger table_inventory_count_append_only before update or delete on table_inventory_count
    for each row execute function reject_modification();
create trigger table_inventory_count_no_truncate before truncate on table_inventory_count
    for each statement execute function reject_modification();

alter table table_inventory_count owner to pitboss_owner;
grant select, insert on table_inventory_count to pitboss_app;
alter table table_inventory_count enable row level security;
alter table table_inventory_count force row level security;
create policy table_inventory_count_read_accounting_roles on table_inventory_count for select
    using (casino_id = app_casino_id() and app_staff_role() in ('pit_boss', 'cashier', 'compliance', 'admin'));
create policy table_inventory_count_insert_floor on table_inventory_count for insert
    with check (casino_id = app_casino_id() and app_staff_role() in ('pit_boss', 'admin'));

-- ---- fills and credits ------------------------------------------------------------------------------------------

create table table_cage_request (
    id           uuid primary key,
    casino_id    uuid not null,
    table_id     uuid not null,
    kind         cage_request_kind not null,
    chips        jsonb not null,
    total_cents  bigint not null,
    status       cage_request_status not null default 'requested',
    requested_by uuid not null,
    requested_at timestamptz not null,
    resolved_by  uuid,
    resolved_at  timestamptz,
    -- The gaming day of the confirmation: when the chips reached the table (or left it).
    gaming_day   date,
    constraint table_cage_request_casino_id_id_key unique (casino_id, id),
    constraint table_cage_request_table_fkey foreign key (casino_id, table_id) references gaming_table (casino_id, id),
    constraint table_cage_request_requested_by_fkey foreign key (casino_id, requested_by) references staff (casino_id, id),
    constraint table_cage_request_resolved_by_fkey foreign key (casino_id, resolved_by) references staff (casino_id, id),
    constraint table_cage_request_chips_check check (chips_valid(chips) and chips_total(chips) > 0),
    constraint table_cage_request_resolved_check check ((status = 'requested') = (resolved_by is null)
                                                        and (resolved_by is null) = (resolved_at is null)
                                                        and (status = 'confirmed') = (gaming_day is not null)),
    -- Two people: whoever asked for the chips never confirms them.
    constraint table_cage_request_two_people_check check (status <> 'confirmed' or resolved_by <> requested_by)
);
create index table_cage_request_table_idx on table_cage_request (casino_id, table_id, resolved_at);
create index table_cage_request_pending_idx on table_cage_request (casino_id, requested_at) where status = 'requested';
create index table_cage_request_requested_by_idx on table_cage_request (casino_id, requested_by);
create index table_cage_request_resolved_by_idx on table_cage_request (casino_id, resolved_by);

create trigger table_cage_request_total before insert on table_cage_request
    for each row execute function set_chips_total();

-- A request is resolved once: only a pending one changes, and only its resolution.
create function table_cage_request_resolve_once() returns trigger
    language plpgsql
    as $$
begin
    if old.status <> 'requested' and new is distinct from old then
        raise exception 'request % is % already', old.id, old.status using errcode = 'PB460';
    end if;
    if (new.id, new.casino_id, new.table_id, new.kind, new.chips, new.requested_by, new.requested_at)
       is distinct from (old.id, old.casino_id, old.table_id, old.kind, old.chips, old.requested_by, old.requested_at) then
        raise exception 'only the resolution of a fill or credit request changes' using errcode = 'insufficient_privilege';
    end if;
    return new;
end
$$;
alter function table_cage_request_resolve_once() owner to pitboss_owner;
create trigger table_cage_request_resolve_once before update on table_cage_request
    for each row execute function table_cage_request_resolve_once();
create trigger table_cage_request_no_delete before delete on table_cage_request
    for each row execute function reject_modification();
create trigger table_cage_request_no_truncate before truncate on table_cage_request
    for each statement execute function reject_modification();

alter table table_cage_request owner to pitboss_owner;
grant select, insert, update on table_cage_request to pitboss_app;
alter table table_cage_request enable row level security;
alter table table_cage_request force row level security;
create policy table_cage_request_read_accounting_roles on table_cage_request for select
    using (casino_id = app_casino_id() and app_staff_role() in ('pit_boss', 'cashier', 'compliance', 'admin'));
create policy table_cage_request_insert_floor on table_cage_request for insert
    with check (casino_id = app_casino_id() and app_staff_role() in ('pit_boss', 'admin'));
-- The pit cancels; the cage confirms or cancels.
create policy table_cage_request_resolve on table_cage_request for update
    using (casino_id = app_casino_id() and app_staff_role() in ('pit_boss', 'cashier', 'admin'))
    with check (casino_id = app_casino_id()
                and (status <> 'confirmed' or app_staff_role() in ('cashier', 'admin')));

-- ---- drop -------------------------------------------------------------------------------------------------------

create table table_drop (
    id            uuid primary key,
    casino_id     uuid not null,
    table_id      uuid not null,
    gaming_day    date not null,
    cash_cents    bigint not null,
    markers_cents bigint not null,
    -- A correction cancels the whole original (same table, day and amounts); the right figures are a new entry.
    reverses_id   uuid,
    note          text,
    entered_by    uuid not null,
    created_at    timestamptz not null,
    constraint table_drop_casino_id_id_key unique (casino_id, id),
    constraint table_drop_table_fkey foreign key (casino_id, table_id) references gaming_table (casino_id, id),
    constraint table_drop_entered_by_fkey foreign key (casino_id, entered_by) references staff (casino_id, id),
    constraint table_drop_reverses_fkey foreign key (casino_id, reverses_id) references table_drop (casino_id, id),
    constraint table_drop_amounts_check check (cash_cents >= 0 and markers_cents >= 0),
    constraint table_drop_note_check check (char_length(note) between 1 and 200),
    constraint table_drop_reversal_note_check check (reverses_id is null or note is not null)
);
create unique index table_drop_one_reversal_key on table_drop (casino_id, reverses_id) where reverses_id is not null;
create index table_drop_day_idx on table_drop (casino_id, gaming_day, table_id);
create index table_drop_table_idx on table_drop (casino_id, table_id);
create index table_drop_entered_by_idx on table_drop (casino_id, entered_by);
create trigger table_drop_append_only before update or delete on table_drop
    for each row execute function reject_modification();
create trigger table_drop_no_truncate before truncate on table_drop
    for each statement execute function reject_modification();

alter table table_drop owner to pitboss_owner;
grant select, insert on table_drop to pitboss_app;
alter table table_drop enable row level security;
alter table table_drop force row level security;
create policy table_drop_read_accounting_roles on table_drop for select
    using (casino_id = app_casino_id() and app_staff_role() in ('pit_boss', 'cashier', 'compliance', 'admin'));
create policy table_drop_insert_count_room on table_drop for insert
    with check (casino_id = app_casino_id() and app_staff_role() in ('cashier', 'admin'));

-- ---- win / loss -------------------------------------------------------------------------------------------------

-- Every period of every table of the caller's casino that ends in [p_from, p_to]: the count that starts it,
-- the count that ends it, and the confirmed fills and credits between them (after the start, up to and
-- including the end). Runs as the caller, so row-level security decides what it sees.
create function table_periods(p_from date, p_to date)
    returns table (table_id uuid, gaming_day date, started_at timestamptz, ended_at timestamptz,
                   start_kind inventory_count_kind, end_kind inventory_count_kind,
                   start_cents bigint, end_cents bigint, fills_cents bigint, credits_cents bigint)
    language sql stable
    as $$
        select e.table_id, e.gaming_day, s.counted_at, e.counted_at, s.kind, e.kind, s.total_cents, e.total_cents,
               coalesce(sum(r.total_cents) filter (where r.kind = 'fill'), 0)::bigint,
               coalesce(sum(r.total_cents) filter (where r.kind = 'credit'), 0)::bigint
        from table_inventory_count e
        cross join lateral (select p.kind, p.total_cents, p.counted_at from table_inventory_count p
                            where p.casino_id = e.casino_id and p.table_id = e.table_id
                              and (p.counted_at, p.id) < (e.counted_at, e.id)
                            order by p.counted_at desc, p.id desc limit 1) s
        left join table_cage_request r
               on r.casino_id = e.casino_id and r.table_id = e.table_id and r.status = 'confirmed'
              and r.resolved_at > s.counted_at and r.resolved_at <= e.counted_at
        where e.casino_id = app_casino_id() and e.gaming_day between p_from and p_to
          and e.kind <> 'opening' and s.kind <> 'closing'
        group by e.id, e.table_id, e.gaming_day, s.counted_at, e.counted_at, s.kind, e.kind, s.total_cents, e.total_cents
    $$;
alter function table_periods(date, date) owner to pitboss_owner;

-- Per table and gaming day in [p_from, p_to] with a period or a drop: the opening and closing inventory of its
-- periods, fills, credits, the drop (null until entered; reversals subtract), and the win (null until both a
-- period and a drop exist). Hold, win ÷ drop, is taken in Rust (table_accounting::rules::hold_bps), which
-- also rolls tables up per pit and casino.
create function table_day_results(p_from date, p_to date)
    returns table (table_id uuid, gaming_day date, periods int, opening_cents bigint, closing_cents bigint,
                   fills_cents bigint, credits_cents bigint, drop_cash_cents bigint, drop_markers_cents bigint,
                   drop_cents bigint, win_cents bigint)
    language sql stable
    as $$
        with p as (
            select table_id, gaming_day, count(*)::int as periods, sum(start_cents)::bigint as opening_cents,
                   sum(end_cents)::bigint as closing_cents, sum(fills_cents)::bigint as fills_cents,
                   sum(credits_cents)::bigint as credits_cents
            from table_periods(p_from, p_to) group by table_id, gaming_day
        ), d as (
            select table_id, gaming_day,
                   sum(case when reverses_id is null then cash_cents else -cash_cents end)::bigint as cash_cents,
                   sum(case when reverses_id is null then markers_cents else -markers_cents end)::bigint as markers_cents
            from table_drop where casino_id = app_casino_id() and gaming_day between p_from and p_to
            group by table_id, gaming_day
        ), j as (
            select coalesce(p.table_id, d.table_id) as table_id, coalesce(p.gaming_day, d.gaming_day) as gaming_day,
                   coalesce(p.periods, 0) as periods, coalesce(p.opening_cents, 0) as opening_cents,
                   coalesce(p.closing_cents, 0) as closing_cents, coalesce(p.fills_cents, 0) as fills_cents,
                   coalesce(p.credits_cents, 0) as credits_cents, d.cash_cents, d.markers_cents,
                   d.cash_cents + d.markers_cents as drop_cents
            from p full join d on d.table_id = p.table_id and d.gaming_day = p.gaming_day
        )
        select j.*,
               case when j.periods > 0 and j.drop_cents is not null
                    then j.drop_cents + j.credits_cents - j.fills_cents + j.closing_cents - j.opening_cents end
        from j
    $$;
alter function table_day_results(date, date) owner to pitboss_owner;

-- The audit log names the new records (pitboss::live::Entity).
alter table audit_log drop constraint audit_log_entity_known;
alter table audit_log add constraint audit_log_entity_known check (entity in (
    'casino', 'casino_settings', 'dealer_rotation', 'feature_flag', 'game_settings', 'gaming_table',
    'loyalty_ledger', 'player', 'player_exclusion', 'player_financial_transaction', 'rating_slip', 'staff',
    'table_cage_request', 'table_drop', 'table_inventory_count', 'visit'
));
