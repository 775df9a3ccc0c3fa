-- Casino, settings, staff, sign-in (credentials, sessions, throttling), feature flags, the audit log, the
-- idempotent-request store, and compute_gaming_day: the tenant root every later table hangs off.
--
-- Every tenant table carries casino_id, references other tenant tables by (casino_id, id) so a row can never
-- point into another casino, and has RLS enabled and forced with policies on app_casino_id().

create type staff_role as enum ('dealer', 'pit_boss', 'cashier', 'compliance', 'admin');
create type staff_status as enum ('active', 'inactive');
alter type staff_role owner to pitboss_owner;
alter type staff_status owner to pitboss_owner;

-- ---- casino ---------------------------------------------------------------------------------------------------

create table casino (
    id         uuid primary key,
    name       text not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint casino_name_key unique (name),
    constraint casino_name_check check (length(btrim(name)) between 1 and 100)
);
create trigger casino_set_updated_at before update on casino
    for each row execute function set_updated_at();

create table casino_settings (
    casino_id             uuid primary key,
    gaming_day_start      time not null default '06:00',
    timezone              text not null default 'America/Los_Angeles',
    watchlist_floor_cents bigint not null default 300000,
    ctr_threshold_cents   bigint not null default 1000000,
    reward_cap_points     integer not null default 5000,
    updated_by            uuid,
    created_at            timestamptz not null default now(),
    updated_at            timestamptz not null default now(),
    constraint casino_settings_casino_id_fkey foreign key (casino_id) references casino (id),
    constraint casino_settings_watchlist_floor_cents_check check (watchlist_floor_cents > 0),
    constraint casino_settings_ctr_threshold_cents_check check (ctr_threshold_cents > watchlist_floor_cents),
    constraint casino_settings_reward_cap_points_check check (reward_cap_points > 0)
);
create trigger casino_settings_set_updated_at before update on casino_settings
    for each row execute function set_updated_at();
create index casino_settings_casino_id_updated_by_idx on casino_settings (casino_id, updated_by);

-- ---- staff and sign-in ----------------------------------------------------------------------------------------

create table staff (
    id         uuid primary key,
    casino_id  uuid not null,
    first_name text not null,
    last_name  text not null,
    role       staff_role not null,
    status     staff_status not null default 'active',
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint staff_casino_id_fkey foreign key (casino_id) references casino (id),
    constraint staff_casino_id_id_key unique (casino_id, id),
    constraint staff_first_name_check check (length(btrim(first_name)) between 1 and 100),
    constraint staff_last_name_check check (length(btrim(last_name)) between 1 and 100)
);
create trigger staff_set_updated_at before update on staff
    for each row execute function set_updated_at();

alter table casino_settings
    add constraint casino_settings_updated_by_fkey
    foreign key (casino_id, updated_by) references staff (casino_id, id);

create table staff_credential (
    staff_id      uuid primary key,
    casino_id     uuid not null,
    email         text not null,
    password_hash text not null,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    constraint staff_credential_staff_fkey foreign key (casino_id, staff_id)
        references staff (casino_id, id) on delete cascade,
    constraint staff_credential_email_key unique (email),
    constraint staff_credential_email_check check (email = lower(btrim(email)) and email like '_%@_%')
);
create index staff_credential_casino_id_staff_id_idx on staff_credential (casino_id, staff_id);
create trigger staff_credential_set_updated_at before update on staff_credential
    for each row execute function set_updated_at();

-- Dealers have no login (docs/architecture.md#roles): a credential for one is refused whoever writes it. (A staff row the
-- writer cannot see is left to RLS and the foreign key, which refuse it with their own errors.)
create function staff_credential_not_dealer() returns trigger
    language plpgsql
    as $$
begin
    if exists (select 1 from staff
               where id = new.staff_id and casino_id = new.casino_id and role = 'dealer') then
        raise exception 'only staff who may sign in can have a credential (dealers cannot)'
            using errcode = 'check_violation', constraint = 'staff_credential_not_dealer';
    end if;
    return new;
end
$$;
alter function staff_credential_not_dealer() owner to pitboss_owner;
create trigger staff_credential_not_dealer before insert or update on staff_credential
    for each row execute function staff_credential_not_dealer();

-- Sessions are stored server-side; the cookie holds a random token and only its keyed hash is stored here.
create table staff_session (
    token_hash   text primary key,
    casino_id    uuid not null,
    staff_id     uuid not null,
    created_at   timestamptz not null default now(),
    last_seen_at timestamptz not null default now(),
    expires_at   timestamptz not null,
    constraint staff_session_staff_fkey foreign key (casino_id, staff_id)
        references staff (casino_id, id) on delete cascade
);
create index staff_session_casino_id_staff_id_idx on staff_session (casino_id, staff_id);

-- Sign-in attempts per email, for throttling. Unknown emails are recorded too, so throttling reveals nothing.
create table login_attempt (
    id           uuid primary key default gen_random_uuid(),
    email        text not null,
    attempted_at timestamptz not null default now(),
    succeeded    boolean not null
);
create index login_attempt_email_attempted_at_idx on login_attempt (email, attempted_at desc);

-- ---- feature flags ---------------------------------------------------------------------------------------------

create table feature_flag (
    casino_id  uuid not null,
    key        text not null,
    enabled    boolean not null default false,
    updated_by uuid,
    updated_at timestamptz not null default now(),
    constraint feature_flag_pkey primary key (casino_id, key),
    constraint feature_flag_casino_id_fkey foreign key (casino_id) references casino (id),
    constraint feature_flag_updated_by_fkey foreign key (casino_id, updated_by) references staff (casino_id, id),
    constraint feature_flag_key_check check (key in ('finance_minimal_enabled', 'dealer_rotation_log_readonly'))
);
create index feature_flag_casino_id_updated_by_idx on feature_flag (casino_id, updated_by);
create trigger feature_flag_set_updated_at before update on feature_flag
    for each row execute function set_updated_at();

-- ---- audit log and idempotent requests -----------------------------------------------------------------------

-- Written in the same transaction as the change it records. Actor and request id default to the request
-- context so a call site cannot attribute a change to someone else.
create table audit_log (
    id             uuid primary key default gen_random_uuid(),
    casino_id      uuid not null,
    occurred_at    timestamptz not null default now(),
    actor_staff_id uuid default app_staff_id(),
    request_id     uuid default app_request_id(),
    action         text not null,
    entity         text not null,
    entity_id      uuid,
    before         jsonb,
    after          jsonb,
    constraint audit_log_casino_id_fkey foreign key (casino_id) references casino (id),
    constraint audit_log_actor_fkey foreign key (casino_id, actor_staff_id) references staff (casino_id, id),
    constraint audit_log_action_check check (action ~ '^[a-z_]+\.[a-z_]+$')
);
create index audit_log_casino_id_occurred_at_idx on audit_log (casino_id, occurred_at desc);
create index audit_log_casino_id_entity_idx on audit_log (casino_id, entity, entity_id);
create index audit_log_casino_id_actor_staff_id_idx on audit_log (casino_id, actor_staff_id);
create trigger audit_log_append_only before update or delete on audit_log
    for each row execute function reject_modification();
create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function reject_modification();

-- One row per request id that changed something: a replay of the same id returns the stored response instead
-- of acting twice (docs/architecture.md#idempotency). The row is inserted before the work so a concurrent duplicate waits on it.
create table idempotent_request (
    casino_id  uuid not null,
    key        uuid not null,
    action     text not null,
    staff_id   uuid not null,
    response   jsonb,
    created_at timestamptz not null default now(),
    constraint idempotent_request_pkey primary key (casino_id, key),
    constraint idempotent_request_staff_fkey foreign key (casino_id, staff_id) references staff (casino_id, id)
);
create index idempotent_request_casino_id_staff_id_idx on idempotent_request (casino_id, staff_id);

-- ---- gaming day -------------------------------------------------------------------------------------------------

-- The rule (docs/architecture.md#time-and-the-gaming-day): local wall-clock time in the casino's zone minus the start time, take the date; the
-- start instant belongs to the new day, and DST days are 23 or 25 hours long.
create function gaming_day_at(p_ts timestamptz, p_timezone text, p_start time) returns date
    language sql immutable parallel safe
    as $$ select ((p_ts at time zone p_timezone) - p_start::interval)::date $$;

-- The one authority for a casino's gaming day. Reads the settings under RLS, so another casino's id gives NULL.
create function compute_gaming_day(p_casino_id uuid, p_ts timestamptz default now()) returns date
    language sql stable parallel safe
    as $$
        select gaming_day_at(p_ts, s.timezone, s.gaming_day_start)
        from casino_settings s
        where s.casino_id = p_casino_id
    $$;

alter function gaming_day_at(timestamptz, text, time) owner to pitboss_owner;
alter function compute_gaming_day(uuid, timestamptz) owner to pitboss_owner;

-- ---- ownership, grants, row-level security --------------------------------------------------------------------

alter table casino owner to pitboss_owner;
alter table casino_settings owner to pitboss_owner;
alter table staff owner to pitboss_owner;
alter table staff_credential owner to pitboss_owner;
alter table staff_session owner to pitboss_owner;
alter table login_attempt owner to pitboss_owner;
alter table feature_flag owner to pitboss_owner;
alter table audit_log owner to pitboss_owner;
alter table idempotent_request owner to pitboss_owner;

grant select, insert, update on casino, casino_settings, staff, staff_credential, feature_flag to pitboss_app;
grant select, insert, update, delete on staff_session to pitboss_app;
grant select, insert, delete on login_attempt to pitboss_app;
grant select, insert on audit_log to pitboss_app;
grant select, insert, update on idempotent_request to pitboss_app;

alter table casino enable row level security;
alter table casino force row level security;
alter table casino_settings enable row level security;
alter table casino_settings force row level security;
alter table staff enable row level security;
alter table staff force row level security;
alter table staff_credential enable row level security;
alter table staff_credential force row level security;
alter table staff_session enable row level security;
alter table staff_session force row level security;
alter table login_attempt enable row level security;
alter table login_attempt force row level security;
alter table feature_flag enable row level security;
alter table feature_flag force row level security;
alter table audit_log enable row level security;
alter table audit_log force row level security;
alter table idempotent_request enable row level security;
alter table idempotent_request force row level security;

-- Staff see their own casino only.
create policy casino_read_same_casino on casino for select
    using (id = app_casino_id());
-- Only an admin acting for that casino creates or renames it (the demo seed acts as one).
create policy casino_write_admin on casino for all
    using (id = app_casino_id() and app_staff_role() = 'admin')
    with check (id = app_casino_id() and app_staff_role() = 'admin');

-- Every role reads its casino's settings (the header shows the gaming day).
create policy casino_settings_read_same_casino on casino_settings for select
    using (casino_id = app_casino_id());
-- Settings change only by an admin of that casino.
create policy casino_settings_write_admin on casino_settings for all
    using (casino_id = app_casino_id() and app_staff_role() = 'admin')
    with check (casino_id = app_casino_id() and app_staff_role() = 'admin');

-- The roster of the casino is visible to its staff.
create policy staff_read_same_casino on staff for select
    using (casino_id = app_casino_id());
-- Staff records change only by an admin of that casino.
create policy staff_write_admin on staff for all
    using (casino_id = app_casino_id() and app_staff_role() = 'admin')
    with check (casino_id = app_casino_id() and app_staff_role() = 'admin');
-- Sign-in reads the staff record behind the credential being tried (role and status decide whether it may).
create policy staff_read_at_login on staff for select
    using (app_login_email() is not null
           and exists (select 1 from staff_credential c
                       where c.staff_id = staff.id and c.casino_id = staff.casino_id
                         and c.email = app_login_email()));
-- Resolving a cookie reads the staff record behind that session.
create policy staff_read_by_session on staff for select
    using (app_session_token() is not null
           and exists (select 1 from staff_session s
                       where s.staff_id = staff.id and s.casino_id = staff.casino_id
                         and s.token_hash = app_session_token()));

-- Sign-in reads exactly the credential of the email being tried, before any casino is known.
create policy staff_credential_login_lookup on staff_credential for select
    using (email = app_login_email());
-- An admin reads and manages the credentials of their own casino.
create policy staff_credential_write_admin on staff_credential for all
    using (casino_id = app_casino_id() and app_staff_role() = 'admin')
    with check (casino_id = app_casino_id() and app_staff_role() = 'admin');

-- Resolving a cookie reads exactly the session whose token hash it holds.
create policy staff_session_token_lookup on staff_session for select
    using (token_hash = app_session_token());
-- A signed-in staff member sees and ends their own sessions (sign out everywhere).
create policy staff_session_read_same_staff on staff_session for select
    using (casino_id = app_casino_id() and staff_id = app_staff_id());
create policy staff_session_delete_same_staff on staff_session for delete
    using (token_hash = app_session_token() or (casino_id = app_casino_id() and staff_id = app_staff_id()));
-- The resolving transaction refreshes the last-seen time of its own session.
create policy staff_session_touch_own on staff_session for update
    using (token_hash = app_session_token())
    with check (token_hash = app_session_token());
-- The sign-in transaction creates sessions, and clears expired ones, only for the staff member whose
-- credential it is checking.
create policy staff_session_write_at_login on staff_session for all
    using (exists (select 1 from staff_credential c
                   where c.email = app_login_email()
                     and c.staff_id = staff_session.staff_id and c.casino_id = staff_session.casino_id))
    with check (exists (select 1 from staff_credential c
                        where c.email = app_login_email()
                          and c.staff_id = staff_session.staff_id and c.casino_id = staff_session.casino_id));

-- Throttling sees and records attempts for the email being tried only.
create policy login_attempt_same_email on login_attempt for all
    using (email = app_login_email())
    with check (email = app_login_email());

create policy feature_flag_read_same_casino on feature_flag for select
    using (casino_id = app_casino_id());
-- Flags are toggled by an admin of that casino.
create policy feature_flag_write_admin on feature_flag for all
    using (casino_id = app_casino_id() and app_staff_role() = 'admin')
    with check (casino_id = app_casino_id() and app_staff_role() = 'admin');

create policy audit_log_read_same_casino on audit_log for select
    using (casino_id = app_casino_id());
-- Anyone acting for a casino appends to its log; there is no update or delete policy (and a trigger refuses).
create policy audit_log_append_same_casino on audit_log for insert
    with check (casino_id = app_casino_id());

-- A request id is replayed only by the staff member who first sent it.
create policy idempotent_request_same_staff on idempotent_request for all
    using (casino_id = app_casino_id() and staff_id = app_staff_id())
    with check (casino_id = app_casino_id() and staff_id = app_staff_id());
