-- Locked-out staff (issue 17). Five failed sign-ins in fifteen minutes lock an email; an admin sees which of
-- their casino's staff are locked and may lift a lock early by forgetting the failed attempts (audited as
-- `staff.lock_lifted`). Attempts of emails that belong to no one, or to another casino, stay out of reach.
create policy login_attempt_read_admin on login_attempt for select
    using (app_staff_role() = 'admin'
           and exists (select 1 from staff_credential c
                       where c.email = login_attempt.email and c.casino_id = app_casino_id()));
create policy login_attempt_lift_admin on login_attempt for delete
    using (app_staff_role() = 'admin'
           and exists (select 1 from staff_credential c
                       where c.email = login_attempt.email and c.casino_id = app_casino_id()));
