-- Staff lifecycle from the browser (issue 17). An admin adds staff and resets passwords with a temporary
-- password the person must replace at their next sign-in; deactivating someone, or resetting their password,
-- ends their sessions at once.

-- Set when an admin chose the password; cleared when its owner chooses a new one.
alter table staff_credential add column must_change_password boolean not null default false;
-- A session signed in with such a password may only choose a new one (PASSWORD_CHANGE_REQUIRED). Kept on the
-- session, which resolving a cookie reads anyway: a policy reading the credential from there would recurse
-- through the sign-in policies. The new password clears it through `staff_session_touch_own`.
alter table staff_session add column password_change_required boolean not null default false;
-- A signed-in staff member reads and replaces their own password.
create policy staff_credential_own on staff_credential for select
    using (casino_id = app_casino_id() and staff_id = app_staff_id());
create policy staff_credential_change_own on staff_credential for update
    using (casino_id = app_casino_id() and staff_id = app_staff_id())
    with check (casino_id = app_casino_id() and staff_id = app_staff_id());
-- What a staff member changes of their own credential is the password: email and the must-change flag's
-- raising are the admin's.
create function staff_credential_own_change() returns trigger
    language plpgsql
    as $$
begin
    if app_staff_role() is distinct from 'admin'
       and (new.email is distinct from old.email or (new.must_change_password and not old.must_change_password)) then
        raise exception 'only an admin changes a sign-in email or requires a password change'
            using errcode = 'insufficient_privilege';
    end if;
    return new;
end
$$;
alter function staff_credential_own_change() owner to pitboss_owner;
create trigger staff_credential_own_change before update on staff_credential
    for each row execute function staff_credential_own_change();

-- An admin sees and ends the sessions of their casino's staff (deactivation, password reset).
create policy staff_session_read_admin on staff_session for select
    using (casino_id = app_casino_id() and app_staff_role() = 'admin');
create policy staff_session_delete_admin on staff_session for delete
    using (casino_id = app_casino_id() and app_staff_role() = 'admin');
