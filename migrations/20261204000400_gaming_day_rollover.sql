-- Gaming-day rollover (issue: a visit never rolled over at the gaming-day start; slips left open only turned
-- "stale", and their seconds counted on the day they began).
--
-- At a casino's gaming-day start, the server closes the visits and slips still open at that instant and
-- continues them on the new day (docs/architecture.md#gaming-day-rollover). The work is done by a staff row
-- of its own, one per casino, so every row and audit entry it writes names who wrote it; it has no
-- credential (it cannot sign in) and is not listed with the staff.

alter table staff add column system boolean not null default false;
create unique index staff_one_system_per_casino_key on staff (casino_id) where system;

-- The instant gaming day `p_day` begins: its start time, local. gaming_day_at of this instant is `p_day`,
-- and of the instant before it the day before (for start times outside a daylight-saving change).
create function gaming_day_start_at(p_day date, p_timezone text, p_start time) returns timestamptz
    language sql immutable parallel safe
    as $$ select (p_day + p_start) at time zone p_timezone $$;
alter function gaming_day_start_at(date, text, time) owner to pitboss_owner;

-- What the rollover task needs across casinos, without a request context: each casino's gaming day at
-- `p_now`, the oldest gaming day of a visit still open there, and when that day ended (the instant to roll
-- it over at). Security definer (owner) with owner-only read policies; it returns days and instants, never rows.
create policy casino_settings_rollover_read on casino_settings for select to pitboss_owner using (true);
create policy visit_rollover_read on visit for select to pitboss_owner using (true);

create function rollover_schedule(p_now timestamptz)
    returns table (casino_id uuid, today date, oldest_open_day date, oldest_open_day_ended_at timestamptz,
                   next_day_starts_at timestamptz)
    language sql stable
    security definer
    set search_path = public, pg_temp
    as $$
        select s.casino_id, d.today, o.day,
               case when o.day is not null then gaming_day_start_at(o.day + 1, s.timezone, s.gaming_day_start) end,
               gaming_day_start_at(d.today + 1, s.timezone, s.gaming_day_start)
        from casino_settings s
        cross join lateral (select gaming_day_at(p_now, s.timezone, s.gaming_day_start) as today) d
        left join lateral (select min(v.gaming_day) as day from visit v
                           where v.casino_id = s.casino_id and v.ended_at is null and v.gaming_day < d.today) o on true
    $$;
alter function rollover_schedule(timestamptz) owner to pitboss_owner;
revoke execute on function rollover_schedule(timestamptz) from public;
grant execute on function rollover_schedule(timestamptz) to pitboss_app;
