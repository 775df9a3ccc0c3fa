-- A second factor for admins and compliance staff (issue 17): a TOTP authenticator (RFC 6238) and ten
-- one-time recovery codes. Once enrolled, a correct password opens only a short pending session, which
-- the code turns into a real one (`staff_session.second_factor_pending`).

-- When the staff member's second factor was confirmed; null: none. On the credential, which admins read
-- for the staff page, so they see who has one without seeing any secret.
alter table staff_credential add column second_factor_enrolled_at timestamptz;

-- The TOTP secret, readable by its owner and by the sign-in of its owner's email only, never by an admin.
-- Written at the start of an enrolment (enrolled_at null on the credential until confirmed), replaced by a
-- new enrolment, deleted when an admin resets the second factor. `last_used_step` refuses a code twice.
create table staff_second_factor (
    staff_id       uuid primary key,
    casino_id      uuid not null,
    secret         bytea not null,
    last_used_step bigint,
    created_at     timestamptz not null default now(),
    constraint staff_second_factor_staff_fkey foreign key (casino_id, staff_id)
        references staff (casino_id, id) on delete cascade,
    constraint staff_second_factor_secret_check check (length(secret) between 16 and 64)
);
create index staff_second_factor_casino_id_staff_id_idx on staff_second_factor (casino_id, staff_id);

-- Recovery codes, stored as their keyed hash (HMAC-SHA256 under the session key): shown once, usable once.
create table staff_recovery_code (
    casino_id  uuid not null,
    staff_id   uuid not null,
    code_hash  text not null,
    used_at    timestamptz,
    created_at timestamptz not null default now(),
    primary key (staff_id, code_hash),
    constraint staff_recovery_code_staff_fkey foreign key (casino_id, staff_id)
        references staff (casino_id, id) on delete cascade
);
create index staff_recovery_code_casino_id_staff_id_idx on staff_recovery_code (casino_id, staff_id);

-- A session past the password but not yet past the code: it may only send the code or sign out.
alter table staff_session add column second_factor_pending boolean not null default false;

alter table staff_second_factor owner to pitboss_owner;
alter table staff_recovery_code owner to pitboss_owner;
grant select, insert, update, delete on staff_second_factor, staff_recovery_code to pitboss_app;
alter table staff_second_factor enable row level security;
alter table staff_second_factor force row level security;
alter table staff_recovery_code enable row level security;
alter table staff_recovery_code force row level security;

-- The owner enrols: starts, restarts and confirms their own second factor.
create policy staff_second_factor_own on staff_second_factor for all
    using (casino_id = app_casino_id() and staff_id = app_staff_id())
    with check (casino_id = app_casino_id() and staff_id = app_staff_id());
create policy staff_recovery_code_own on staff_recovery_code for all
    using (casino_id = app_casino_id() and staff_id = app_staff_id())
    with check (casino_id = app_casino_id() and staff_id = app_staff_id());
-- The code step of a sign-in reads, and spends, the codes of the email being signed in only.
create policy staff_second_factor_at_login on staff_second_factor for select
    using (exists (select 1 from staff_credential c
                   where c.email = app_login_email()
                     and c.staff_id = staff_second_factor.staff_id and c.casino_id = staff_second_factor.casino_id));
create policy staff_second_factor_spend_at_login on staff_second_factor for update
    using (exists (select 1 from staff_credential c
                   where c.email = app_login_email()
                     and c.staff_id = staff_second_factor.staff_id and c.casino_id = staff_second_factor.casino_id))
    with check (exists (select 1 from staff_credential c
                        where c.email = app_login_email()
                          and c.staff_id = staff_second_factor.staff_id
                          and c.casino_id = staff_second_factor.casino_id));
create policy staff_recovery_code_at_login on staff_recovery_code for select
    using (exists (select 1 from staff_credential c
                   where c.email = app_login_email()
                     and c.staff_id = staff_recovery_code.staff_id and c.casino_id = staff_recovery_code.casino_id));
create policy staff_recovery_code_spend_at_login on staff_recovery_code for update
    using (exists (select 1 from staff_credential c
                   where c.email = app_login_email()
                     and c.staff_id = staff_recovery_code.staff_id and c.casino_id = staff_recovery_code.casino_id))
    with check (exists (select 1 from staff_credential c
                        where c.email = app_login_email()
                          and c.staff_id = staff_recovery_code.staff_id
                          and c.casino_id = staff_recovery_code.casino_id));

-- Clearing `second_factor_enrolled_at` (an admin's reset) deletes the secret and the recovery codes with
-- it, which the admin may not read: the trigger runs as the owner, through owner-only policies.
create policy staff_second_factor_reset on staff_second_factor for all to pitboss_owner using (true);
create policy staff_recovery_code_reset on staff_recovery_code for all to pitboss_owner using (true);
create function staff_second_factor_cleared() returns trigger
    language plpgsql
    security definer
    set search_path = public, pg_temp
    as $$
begin
    delete from staff_second_factor where staff_id = new.staff_id and casino_id = new.casino_id;
    delete from staff_recovery_code where staff_id = new.staff_id and casino_id = new.casino_id;
    return new;
end
$$;
alter function staff_second_factor_cleared() owner to pitboss_owner;
create trigger staff_second_factor_cleared after update of second_factor_enrolled_at on staff_credential
    for each row when (old.second_factor_enrolled_at is not null and new.second_factor_enrolled_at is null)
    execute function staff_second_factor_cleared();

-- Only an admin removes a second factor: its owner confirms one, but a stolen session must not be able to
-- drop it (the sign-in it protects would then need the password alone).
create or replace function staff_credential_own_change() returns trigger
    language plpgsql
    as $$
begin
    if app_staff_role() is distinct from 'admin'
       and (new.email is distinct from old.email or (new.must_change_password and not old.must_change_password)
            or (old.second_factor_enrolled_at is not null and new.second_factor_enrolled_at is distinct from old.second_factor_enrolled_at)) then
        raise exception 'only an admin changes a sign-in email, requires a password change or removes a second factor'
            using errcode = 'insufficient_privilege';
    end if;
    return new;
end
$$;
