-- The floor the demo casino is seeded with: game settings, gaming tables and enrolled players with their loyalty
-- accounts. The services that operate on them (table context, player) arrive with their own migrations.

create type game_type as enum ('blackjack', 'baccarat', 'roulette', 'craps');
create type table_status as enum ('inactive', 'active', 'closed');
alter type game_type owner to pitboss_owner;
alter type table_status owner to pitboss_owner;

-- Rating parameters per casino and game. The house edge is in basis points (hundredths of a percent, 150 =
-- 1.50%) and the point multiplier in percent (100 = 1x), so theo and points stay integer arithmetic.
create table game_settings (
    casino_id              uuid not null,
    game_type              game_type not null,
    min_bet_cents          bigint not null,
    max_bet_cents          bigint not null,
    seats                  smallint not null,
    house_edge_bps         integer not null,
    decisions_per_hour     integer not null,
    points_per_theo_dollar integer not null,
    point_multiplier_pct   integer not null default 100,
    created_at             timestamptz not null default now(),
    updated_at             timestamptz not null default now(),
    constraint game_settings_pkey primary key (casino_id, game_type),
    constraint game_settings_casino_id_fkey foreign key (casino_id) references casino (id),
    constraint game_settings_bets_check check (min_bet_cents > 0 and max_bet_cents >= min_bet_cents),
    constraint game_settings_seats_check check (seats between 1 and 20),
    constraint game_settings_house_edge_bps_check check (house_edge_bps between 1 and 10000),
    constraint game_settings_decisions_per_hour_check check (decisions_per_hour between 1 and 1000),
    constraint game_settings_points_per_theo_dollar_check check (points_per_theo_dollar between 0 and 10000),
    constraint game_settings_point_multiplier_pct_check check (point_multiplier_pct between 0 and 10000)
);
create trigger game_settings_set_updated_at before update on game_settings
    for each row execute function set_updated_at();

create table gaming_table (
    id            uuid primary key,
    casino_id     uuid not null,
    label         text not null,
    pit           text not null,
    game_type     game_type not null,
    status        table_status not null default 'inactive',
    min_bet_cents bigint not null,
    max_bet_cents bigint not null,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    constraint gaming_table_casino_id_id_key unique (casino_id, id),
    constraint gaming_table_casino_id_label_key unique (casino_id, label),
    constraint gaming_table_game_settings_fkey foreign key (casino_id, game_type)
        references game_settings (casino_id, game_type),
    constraint gaming_table_label_check check (length(btrim(label)) between 1 and 20),
    constraint gaming_table_pit_check check (length(btrim(pit)) between 1 and 50),
    constraint gaming_table_bets_check check (min_bet_cents > 0 and max_bet_cents >= min_bet_cents)
);
create index gaming_table_casino_id_game_type_idx on gaming_table (casino_id, game_type);
create trigger gaming_table_set_updated_at before update on gaming_table
    for each row execute function set_updated_at();

-- A player is a person, shared across properties; player_casino enrolls them at one casino.
create table player (
    id         uuid primary key,
    first_name text not null,
    last_name  text not null,
    birth_date date,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint player_first_name_check check (length(btrim(first_name)) between 1 and 100),
    constraint player_last_name_check check (length(btrim(last_name)) between 1 and 100),
    constraint player_birth_date_check check (birth_date is null or birth_date >= date '1900-01-01')
);
create trigger player_set_updated_at before update on player
    for each row execute function set_updated_at();

create table player_casino (
    casino_id   uuid not null,
    player_id   uuid not null,
    enrolled_at timestamptz not null default now(),
    enrolled_by uuid,
    constraint player_casino_pkey primary key (casino_id, player_id),
    constraint player_casino_casino_id_fkey foreign key (casino_id) references casino (id),
    constraint player_casino_player_id_fkey foreign key (player_id) references player (id),
    constraint player_casino_enrolled_by_fkey foreign key (casino_id, enrolled_by) references staff (casino_id, id)
);
create index player_casino_player_id_idx on player_casino (player_id);
create index player_casino_casino_id_enrolled_by_idx on player_casino (casino_id, enrolled_by);

-- The loyalty account opened at enrollment; the ledger that explains its balance arrives with loyalty.
create table player_loyalty (
    casino_id      uuid not null,
    player_id      uuid not null,
    balance_points bigint not null default 0,
    updated_at     timestamptz not null default now(),
    constraint player_loyalty_pkey primary key (casino_id, player_id),
    constraint player_loyalty_enrollment_fkey foreign key (casino_id, player_id)
        references player_casino (casino_id, player_id)
);
create trigger player_loyalty_set_updated_at before update on player_loyalty
    for each row execute function set_updated_at();

alter table game_settings owner to pitboss_owner;
alter table gaming_table owner to pitboss_owner;
alter table player owner to pitboss_owner;
alter table player_casino owner to pitboss_owner;
alter table player_loyalty owner to pitboss_owner;

grant select, insert, update on game_settings, gaming_table, player, player_casino, player_loyalty to pitboss_app;

alter table game_settings enable row level security;
alter table game_settings force row level security;
alter table gaming_table enable row level security;
alter table gaming_table force row level security;
alter table player enable row level security;
alter table player force row level security;
alter table player_casino enable row level security;
alter table player_casino force row level security;
alter table player_loyalty enable row level security;
alter table player_loyalty force row level security;

create policy game_settings_read_same_casino on game_settings for select
    using (casino_id = app_casino_id());
-- Rating parameters are the admin's to set.
create policy game_settings_write_admin on game_settings for all
    using (casino_id = app_casino_id() and app_staff_role() = 'admin')
    with check (casino_id = app_casino_id() and app_staff_role() = 'admin');

create policy gaming_table_read_same_casino on gaming_table for select
    using (casino_id = app_casino_id());
-- Tables are opened, closed and set up by the pit (docs/architecture.md#roles).
create policy gaming_table_write_pit_boss_admin on gaming_table for all
    using (casino_id = app_casino_id() and app_staff_role() in ('pit_boss', 'admin'))
    with check (casino_id = app_casino_id() and app_staff_role() in ('pit_boss', 'admin'));

-- A player is visible only to casinos where they are enrolled.
create policy player_read_same_casino on player for select
    using (exists (select 1 from player_casino pc
                   where pc.player_id = player.id and pc.casino_id = app_casino_id()));
-- The pit enrolls new players (the enrollment row makes them visible in the same transaction).
create policy player_insert_pit_boss_admin on player for insert
    with check (app_casino_id() is not null and app_staff_role() in ('pit_boss', 'admin'));
create policy player_update_pit_boss_admin on player for update
    using (app_staff_role() in ('pit_boss', 'admin')
           and exists (select 1 from player_casino pc
                       where pc.player_id = player.id and pc.casino_id = app_casino_id()));

create policy player_casino_read_same_casino on player_casino for select
    using (casino_id = app_casino_id());
create policy player_casino_write_pit_boss_admin on player_casino for all
    using (casino_id = app_casino_id() and app_staff_role() in ('pit_boss', 'admin'))
    with check (casino_id = app_casino_id() and app_staff_role() in ('pit_boss', 'admin'));

create policy player_loyalty_read_same_casino on player_loyalty for select
    using (casino_id = app_casino_id());
create policy player_loyalty_write_pit_boss_admin on player_loyalty for all
    using (casino_id = app_casino_id() and app_staff_role() in ('pit_boss', 'admin'))
    with check (casino_id = app_casino_id() and app_staff_role() in ('pit_boss', 'admin'));
