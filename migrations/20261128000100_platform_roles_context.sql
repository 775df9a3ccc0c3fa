-- Database roles and the request context that every row-level security policy reads.
--
-- pitboss_owner owns every object and never logs in. pitboss_app is the runtime role: it owns nothing, is not a
-- superuser and cannot bypass RLS, so tenancy holds even if Rust code forgets a filter. Roles are cluster-wide
-- and every test database runs this migration concurrently, so creation tolerates a parallel creator
-- (docs/architecture.md#toolchain-and-its-pitfalls); no passwords and no ALTER ROLE here.
do $$
begin
    begin
        create role pitboss_owner nologin nosuperuser nobypassrls;
    exception when duplicate_object or unique_violation then null;
    end;
    begin
        create role pitboss_app login nosuperuser nobypassrls nocreatedb nocreaterole;
    exception when duplicate_object or unique_violation then null;
    end;
    -- A pre-existing role with stronger attributes would silently void RLS; refuse to continue.
    if exists (select 1 from pg_roles
               where rolname in ('pitboss_owner', 'pitboss_app') and (rolsuper or rolbypassrls)) then
        raise exception 'pitboss_owner/pitboss_app must not be superuser or bypass RLS';
    end if;
end
$$;

-- The request context is transaction-local (set_config(..., true)) and read through these functions. A
-- pooled connection reads '' after a transaction that set it, so empty means absent: policies fail closed.
create function app_casino_id() returns uuid
    language sql stable parallel safe
    as $$ select nullif(current_setting('app.casino_id', true), '')::uuid $$;

create function app_staff_id() returns uuid
    language sql stable parallel safe
    as $$ select nullif(current_setting('app.staff_id', true), '')::uuid $$;

create function app_staff_role() returns text
    language sql stable parallel safe
    as $$ select nullif(current_setting('app.staff_role', true), '') $$;

create function app_request_id() returns uuid
    language sql stable parallel safe
    as $$ select nullif(current_setting('app.request_id', true), '')::uuid $$;

-- Set only by the sign-in transaction: lets it read the one credential and throttle record for that email.
create function app_login_email() returns text
    language sql stable parallel safe
    as $$ select nullif(current_setting('app.login_email', true), '') $$;

-- Set only while resolving a session cookie: lets that transaction read its own session row.
create function app_session_token() returns text
    language sql stable parallel safe
    as $$ select nullif(current_setting('app.session_token', true), '') $$;

-- Keeps updated_at honest without every UPDATE statement having to remember it.
create function set_updated_at() returns trigger
    language plpgsql
    as $$
begin
    new.updated_at := now();
    return new;
end
$$;

-- Ledgers, MTL and the audit log are append-only for everyone, the owner and superusers included.
create function reject_modification() returns trigger
    language plpgsql
    as $$
begin
    raise exception '% is append-only: % is not allowed', tg_table_name, lower(tg_op)
        using errcode = 'insufficient_privilege';
end
$$;

alter function app_casino_id() owner to pitboss_owner;
alter function app_staff_id() owner to pitboss_owner;
alter function app_staff_role() owner to pitboss_owner;
alter function app_request_id() owner to pitboss_owner;
alter function app_login_email() owner to pitboss_owner;
alter function app_session_token() owner to pitboss_owner;
alter function set_updated_at() owner to pitboss_owner;
alter function reject_modification() owner to pitboss_owner;
