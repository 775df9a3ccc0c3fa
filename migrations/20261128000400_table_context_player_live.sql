-- Table context (dealer rotations), player search, and live events: every audit row is announced with
-- pg_notify in the transaction that wrote it, so every committed state change reaches the live stream.

-- ---- dealer rotation ------------------------------------------------------------------------------------------

-- Who dealt which table, from when to when. An open rotation (ended_at is null) is the table's current dealer.
create table dealer_rotation (
    id         uuid primary key,
    casino_id  uuid not null,
    table_id   uuid not null,
    dealer_id  uuid not null,
    started_at timestamptz not null default now(),
    ended_at   timestamptz,
    started_by uuid,
    constraint dealer_rotation_table_fkey foreign key (casino_id, table_id) references gaming_table (casino_id, id),
    constraint dealer_rotation_dealer_fkey foreign key (casino_id, dealer_id) references staff (casino_id, id),
    constraint dealer_rotation_started_by_fkey foreign key (casino_id, started_by) references staff (casino_id, id),
    constraint dealer_rotation_period_check check (ended_at is null or ended_at >= started_at)
);
-- One current dealer per table, and a dealer deals one table at a time.
create unique index dealer_rotation_one_open_per_table_key on dealer_rotation (casino_id, table_id)
    where ended_at is null;
create unique index dealer_rotation_one_open_per_dealer_key on dealer_rotation (casino_id, dealer_id)
    where ended_at is null;
create index dealer_rotation_casino_id_table_id_started_at_idx on dealer_rotation (casino_id, table_id, started_at desc);
create index dealer_rotation_casino_id_dealer_id_idx on dealer_rotation (casino_id, dealer_id);
create index dealer_rotation_casino_id_started_by_idx on dealer_rotation (casino_id, started_by);

alter table dealer_rotation owner to pitboss_owner;
grant select, insert, update on dealer_rotation to pitboss_app;
alter table dealer_rotation enable row level security;
alter table dealer_rotation force row level security;

create policy dealer_rotation_read_same_casino on dealer_rotation for select
    using (casino_id = app_casino_id());
-- Dealers are rotated by the pit (docs/architecture.md#roles).
create policy dealer_rotation_write_pit_boss_admin on dealer_rotation for all
    using (casino_id = app_casino_id() and app_staff_role() in ('pit_boss', 'admin'))
    with check (casino_id = app_casino_id() and app_staff_role() in ('pit_boss', 'admin'));

-- ---- player search ---------------------------------------------------------------------------------------------

-- Name search looks up word prefixes ("gonz", "maria g") in this index of lower-case name words per casino.
-- Under RLS the planner may use an index only for leakproof operators (a LIKE on player would force a scan of
-- every enrolled player), so the search compares tokens with >= and <, which are leakproof, on a "C"-collated
-- column where byte order makes a prefix a contiguous range. Enrollment fills it (names cannot be edited yet).
create table player_search_token (
    casino_id uuid not null,
    player_id uuid not null,
    token     text collate "C" not null,
    constraint player_search_token_pkey primary key (casino_id, token, player_id),
    constraint player_search_token_enrollment_fkey foreign key (casino_id, player_id)
        references player_casino (casino_id, player_id) on delete cascade
);
create index player_search_token_casino_id_player_id_idx on player_search_token (casino_id, player_id);

-- The words of a name as the search sees them: lower-case, split on anything but letters and digits, plus
-- each whole name part (so "o'sul" finds O'Sullivan too).
create function player_name_tokens(p_first_name text, p_last_name text) returns setof text
    language sql immutable parallel safe
    as $$
        select distinct token from (
            select regexp_split_to_table(lower(p_first_name || ' ' || p_last_name), '[^[:alnum:]]+') as token
            union all select lower(p_first_name) union all select lower(p_last_name)
        ) words
        where token <> ''
    $$;

-- Enrollment indexes the player's name for that casino.
create function player_casino_index_name() returns trigger
    language plpgsql
    as $$
begin
    insert into player_search_token (casino_id, player_id, token)
        select new.casino_id, new.player_id, t
        from player p, player_name_tokens(p.first_name, p.last_name) t
        where p.id = new.player_id;
    return null;
end
$$;
create trigger player_casino_index_name after insert on player_casino
    for each row execute function player_casino_index_name();

alter function player_name_tokens(text, text) owner to pitboss_owner;
alter function player_casino_index_name() owner to pitboss_owner;
alter table player_search_token owner to pitboss_owner;
grant select, insert, delete on player_search_token to pitboss_app;
alter table player_search_token enable row level security;
alter table player_search_token force row level security;
create policy player_search_token_read_same_casino on player_search_token for select
    using (casino_id = app_casino_id());
-- Written only through enrollment, which is the pit's.
create policy player_search_token_write_pit_boss_admin on player_search_token for all
    using (casino_id = app_casino_id() and app_staff_role() in ('pit_boss', 'admin'))
    with check (casino_id = app_casino_id() and app_staff_role() in ('pit_boss', 'admin'));

-- ---- live events -----------------------------------------------------------------------------------------------

-- Announces each audit row on channel pitboss_events. NOTIFY is transactional: listeners hear it only when
-- the change commits, never on rollback. The payload names the change, not its content; pages re-read the
-- record with their own authorization.
create function audit_log_notify() returns trigger
    language plpgsql
    as $$
begin
    perform pg_notify('pitboss_events', json_build_object(
        'casino_id', new.casino_id, 'entity', new.entity, 'id', new.entity_id, 'kind', new.action)::text);
    return null;
end
$$;
alter function audit_log_notify() owner to pitboss_owner;
create trigger audit_log_notify after insert on audit_log
    for each row execute function audit_log_notify();

-- Orders audit rows written in one transaction (they share occurred_at, the transaction's time).
alter table audit_log add column seq bigint generated always as identity;
create index audit_log_casino_id_seq_idx on audit_log (casino_id, seq);
