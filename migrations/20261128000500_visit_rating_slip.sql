-- Visits (a player's time in the casino, and where they sit) and rating slips (rated play at one seat, with
-- its pauses). Durations are never stored while a slip runs: they are derived from server timestamps.

create type slip_status as enum ('open', 'paused', 'closed');
alter type slip_status owner to pitboss_owner;

-- Game settings carry a version so a slip can name the rating policy it froze at its start.
alter table game_settings add column policy_version integer not null default 1;

-- ---- visit ------------------------------------------------------------------------------------------------------

create table visit (
    id           uuid primary key,
    casino_id    uuid not null,
    player_id    uuid not null,
    started_at   timestamptz not null default now(),
    ended_at     timestamptz,
    gaming_day   date not null,
    table_id     uuid,
    seat_number  smallint,
    seated_at    timestamptz,
    started_by   uuid,
    ended_by     uuid,
    constraint visit_casino_id_id_key unique (casino_id, id),
    -- Only enrolled players visit.
    constraint visit_enrollment_fkey foreign key (casino_id, player_id) references player_casino (casino_id, player_id),
    constraint visit_table_fkey foreign key (casino_id, table_id) references gaming_table (casino_id, id),
    constraint visit_started_by_fkey foreign key (casino_id, started_by) references staff (casino_id, id),
    constraint visit_ended_by_fkey foreign key (casino_id, ended_by) references staff (casino_id, id),
    constraint visit_seat_check check ((table_id is null) = (seat_number is null) and (seat_number is null) = (seated_at is null)),
    constraint visit_seat_number_check check (seat_number between 1 and 20),
    constraint visit_period_check check (ended_at is null or ended_at >= started_at),
    -- A visit that has ended sits nowhere.
    constraint visit_ended_unseated_check check (ended_at is null or table_id is null)
);
-- One active visit per player per casino, and one player per seat.
create unique index visit_one_active_per_player_key on visit (casino_id, player_id) where ended_at is null;
create unique index visit_one_per_seat_key on visit (casino_id, table_id, seat_number) where table_id is not null;
create index visit_casino_id_player_id_idx on visit (casino_id, player_id, started_at desc);
create index visit_casino_id_started_by_idx on visit (casino_id, started_by);
create index visit_casino_id_ended_by_idx on visit (casino_id, ended_by);

-- ---- rating slip --------------------------------------------------------------------------------------------------

create table rating_slip (
    id                     uuid primary key,
    casino_id              uuid not null,
    visit_id               uuid not null,
    player_id              uuid not null,
    table_id               uuid not null,
    seat_number            smallint not null,
    status                 slip_status not null default 'open',
    started_at             timestamptz not null default now(),
    ended_at               timestamptz,
    gaming_day             date not null,
    average_bet_cents      bigint not null,
    game_settings          jsonb not null,
    policy_snapshot        jsonb not null,
    final_duration_seconds integer,
    started_by             uuid,
    closed_by              uuid,
    close_reason           text,
    constraint rating_slip_casino_id_id_key unique (casino_id, id),
    constraint rating_slip_visit_fkey foreign key (casino_id, visit_id) references visit (casino_id, id),
    constraint rating_slip_enrollment_fkey foreign key (casino_id, player_id) references player_casino (casino_id, player_id),
    constraint rating_slip_table_fkey foreign key (casino_id, table_id) references gaming_table (casino_id, id),
    constraint rating_slip_started_by_fkey foreign key (casino_id, started_by) references staff (casino_id, id),
    constraint rating_slip_closed_by_fkey foreign key (casino_id, closed_by) references staff (casino_id, id),
    constraint rating_slip_average_bet_cents_check check (average_bet_cents >= 0),
    constraint rating_slip_seat_number_check check (seat_number between 1 and 20),
    -- A closed slip has its end and final duration; an open or paused one has neither.
    constraint rating_slip_closed_check check ((status = 'closed') = (ended_at is not null)
                                               and (ended_at is null) = (final_duration_seconds is null)),
    constraint rating_slip_period_check check (ended_at is null or ended_at >= started_at),
    constraint rating_slip_final_duration_check check (final_duration_seconds >= 0),
    constraint rating_slip_close_reason_check check (length(close_reason) between 1 and 200)
);
-- No two open or paused slips for the same player at a table, or for the same seat.
create unique index rating_slip_one_active_per_player_key on rating_slip (casino_id, table_id, player_id)
    where status <> 'closed';
create unique index rating_slip_one_active_per_seat_key on rating_slip (casino_id, table_id, seat_number)
    where status <> 'closed';
create index rating_slip_casino_id_visit_id_idx on rating_slip (casino_id, visit_id);
create index rating_slip_casino_id_player_id_idx on rating_slip (casino_id, player_id, started_at desc);
create index rating_slip_casino_id_table_id_status_idx on rating_slip (casino_id, table_id, status);
create index rating_slip_casino_id_gaming_day_idx on rating_slip (casino_id, gaming_day);
create index rating_slip_casino_id_started_by_idx on rating_slip (casino_id, started_by);
create index rating_slip_casino_id_closed_by_idx on rating_slip (casino_id, closed_by);

-- Each pause of a slip; the one without an end is in progress.
create table rating_slip_pause (
    id         uuid primary key,
    casino_id  uuid not null,
    slip_id    uuid not null,
    started_at timestamptz not null default now(),
    ended_at   timestamptz,
    constraint rating_slip_pause_slip_fkey foreign key (casino_id, slip_id) references rating_slip (casino_id, id),
    constraint rating_slip_pause_period_check check (ended_at is null or ended_at >= started_at)
);
create unique index rating_slip_pause_one_open_key on rating_slip_pause (casino_id, slip_id) where ended_at is null;
create index rating_slip_pause_casino_id_slip_id_idx on rating_slip_pause (casino_id, slip_id, started_at);

-- A player with an open or paused slip stays in their seat: moving, unseating or checking them out first needs
-- the slip closed (check-out and forced table close do that in the same transaction).
create function visit_active_slip_guard() returns trigger
    language plpgsql
    as $$
begin
    if (new.table_id is distinct from old.table_id or new.seat_number is distinct from old.seat_number
        or (new.ended_at is not null and old.ended_at is null))
       and exists (select 1 from rating_slip s
                   where s.casino_id = old.casino_id and s.visit_id = old.id and s.status <> 'closed') then
        raise exception 'visit % has an open or paused rating slip', old.id
            using errcode = 'check_violation', constraint = 'visit_active_slip_guard';
    end if;
    return new;
end
$$;
alter function visit_active_slip_guard() owner to pitboss_owner;
create trigger visit_active_slip_guard before update on visit
    for each row execute function visit_active_slip_guard();

-- ---- ownership, grants, row-level security ------------------------------------------------------------------------

alter table visit owner to pitboss_owner;
alter table rating_slip owner to pitboss_owner;
alter table rating_slip_pause owner to pitboss_owner;
grant select, insert, update on visit, rating_slip, rating_slip_pause to pitboss_app;

alter table visit enable row level security;
alter table visit force row level security;
alter table rating_slip enable row level security;
alter table rating_slip force row level security;
alter table rating_slip_pause enable row level security;
alter table rating_slip_pause force row level security;

create policy visit_read_same_casino on visit for select
    using (casino_id = app_casino_id());
-- Check-in, seating and check-out are the pit's (docs/architecture.md#roles).
create policy visit_write_pit_boss_admin on visit for all
    using (casino_id = app_casino_id() and app_staff_role() in ('pit_boss', 'admin'))
    with check (casino_id = app_casino_id() and app_staff_role() in ('pit_boss', 'admin'));

create policy rating_slip_read_same_casino on rating_slip for select
    using (casino_id = app_casino_id());
-- Rating (telemetry) is written by the pit.
create policy rating_slip_write_telemetry_role on rating_slip for all
    using (casino_id = app_casino_id() and app_staff_role() in ('pit_boss', 'admin'))
    with check (casino_id = app_casino_id() and app_staff_role() in ('pit_boss', 'admin'));

create policy rating_slip_pause_read_same_casino on rating_slip_pause for select
    using (casino_id = app_casino_id());
create policy rating_slip_pause_write_telemetry_role on rating_slip_pause for all
    using (casino_id = app_casino_id() and app_staff_role() in ('pit_boss', 'admin'))
    with check (casino_id = app_casino_id() and app_staff_role() in ('pit_boss', 'admin'));
