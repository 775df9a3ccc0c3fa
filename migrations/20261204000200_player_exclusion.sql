-- Exclusions (issue: a barred player could be seated).
--
-- A player can be flagged `barred`, `self_excluded` or `watch`, with a reason, by whom, from when and until
-- when (open-ended when null). Compliance and admins set and lift flags; a flag is never deleted, only lifted,
-- so the history stays. While a `barred` or `self_excluded` flag is in force the player cannot be checked in,
-- seated (or moved into a seat), or given a reward: the guard below holds for every writer, and the services
-- turn its PB430 into `PLAYER_EXCLUDED`. `watch` only shows a badge.

create type exclusion_kind as enum ('barred', 'self_excluded', 'watch');

create table player_exclusion (
    id          uuid primary key,
    casino_id   uuid not null,
    player_id   uuid not null,
    kind        exclusion_kind not null,
    reason      text not null,
    starts_at   timestamptz not null default app_now(),
    ends_at     timestamptz,
    set_by      uuid,
    lifted_at   timestamptz,
    lifted_by   uuid,
    lift_reason text,
    constraint player_exclusion_enrollment_fkey foreign key (casino_id, player_id)
        references player_casino (casino_id, player_id),
    constraint player_exclusion_set_by_fkey foreign key (casino_id, set_by) references staff (casino_id, id),
    constraint player_exclusion_lifted_by_fkey foreign key (casino_id, lifted_by) references staff (casino_id, id),
    constraint player_exclusion_reason_check check (length(reason) between 1 and 200),
    constraint player_exclusion_lift_reason_check check (length(lift_reason) between 1 and 200),
    constraint player_exclusion_period_check check (ends_at is null or ends_at > starts_at),
    constraint player_exclusion_lifted_check check ((lifted_at is null) = (lift_reason is null))
);
create index player_exclusion_casino_id_player_id_idx on player_exclusion (casino_id, player_id, starts_at desc);
create index player_exclusion_casino_id_set_by_idx on player_exclusion (casino_id, set_by);
create index player_exclusion_casino_id_lifted_by_idx on player_exclusion (casino_id, lifted_by);

alter table player_exclusion owner to pitboss_owner;
alter type exclusion_kind owner to pitboss_owner;
grant select, insert, update on player_exclusion to pitboss_app;
alter table player_exclusion enable row level security;
alter table player_exclusion force row level security;

-- Every role sees the flags (the pit needs the badge and the refusal's reason).
create policy player_exclusion_read_same_casino on player_exclusion for select
    using (casino_id = app_casino_id());
-- Setting and lifting flags is compliance's and the admin's (docs/architecture.md#roles).
create policy player_exclusion_write_compliance_admin on player_exclusion for all
    using (casino_id = app_casino_id() and app_staff_role() in ('compliance', 'admin'))
    with check (casino_id = app_casino_id() and app_staff_role() in ('compliance', 'admin'));

-- Whether a flag that keeps the player from play is in force for them at the casino now.
create function player_is_excluded(p_casino_id uuid, p_player_id uuid) returns boolean
    language sql stable
    as $$
        select exists (select 1 from player_exclusion
                       where casino_id = p_casino_id and player_id = p_player_id
                         and kind in ('barred', 'self_excluded') and lifted_at is null
                         and starts_at <= app_now() and (ends_at is null or ends_at > app_now()))
    $$;
alter function player_is_excluded(uuid, uuid) owner to pitboss_owner;

-- Refuses checking in, seating (or moving into a seat) and rewarding an excluded player. Runs as the caller,
-- who reads the flags of their own casino.
create function player_exclusion_guard() returns trigger
    language plpgsql
    as $$
begin
    -- Nested, not joined with `and`: PL/pgSQL does not short-circuit, and each table has only its own fields.
    if tg_table_name = 'visit' then
        if tg_op = 'UPDATE' and (new.table_id is null or (new.table_id is not distinct from old.table_id
                                                          and new.seat_number is not distinct from old.seat_number)) then
            return new;
        end if;
    elsif new.reason::text not in ('mid_session', 'promotion') then
        return new;
    end if;
    if player_is_excluded(new.casino_id, new.player_id) then
        raise exception 'player % is barred or self-excluded here', new.player_id using errcode = 'PB430';
    end if;
    return new;
end
$$;
alter function player_exclusion_guard() owner to pitboss_owner;
create trigger visit_player_exclusion_guard before insert or update on visit
    for each row execute function player_exclusion_guard();
create trigger loyalty_ledger_player_exclusion_guard before insert on loyalty_ledger
    for each row execute function player_exclusion_guard();
