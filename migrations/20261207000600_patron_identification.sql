-- Patron identification (issue 18): what a Currency Transaction Report (FinCEN Form 112) asks about the person
-- - address, occupation, government ID - held by each casino for the patrons enrolled there. The ID number and
-- the SSN/TIN are sealed by the application (AES-256-GCM, src/sealing.rs) before they reach the database: a row
-- holds their ciphertext, the id of the key that sealed them, and their last four characters for screens. The
-- database never sees a plain number, so neither does a backup, a replica or a superuser.
create table player_identification (
    casino_id        uuid not null,
    player_id        uuid not null,
    address_line     text not null default '',
    city             text not null default '',
    region           text not null default '',
    postal_code      text not null default '',
    country          text not null default '',
    occupation       text not null default '',
    id_type          text,
    id_issuer        text not null default '',
    id_expires       date,
    id_number_sealed bytea,
    id_number_last4  text,
    tin_sealed       bytea,
    tin_last4        text,
    -- The data key that sealed the numbers (its fingerprint), so a rotated key's rows can still be opened.
    key_id           text,
    -- Who last changed it, and when.
    staff_id         uuid not null,
    updated_at       timestamptz not null default now(),
    primary key (casino_id, player_id),
    constraint player_identification_enrollment_fkey foreign key (casino_id, player_id)
        references player_casino (casino_id, player_id),
    constraint player_identification_staff_fkey foreign key (casino_id, staff_id) references staff (casino_id, id),
    constraint player_identification_id_type_check check (id_type in (
        'drivers_license', 'passport', 'state_id', 'military_id', 'alien_registration', 'other')),
    constraint player_identification_text_check check (
        length(address_line) <= 200 and length(city) <= 100 and length(region) <= 100 and length(postal_code) <= 20
        and length(country) <= 60 and length(occupation) <= 100 and length(id_issuer) <= 100),
    -- A number is stored sealed with its last four, or not at all; sealed numbers name their key.
    constraint player_identification_id_number_check check (
        (id_number_sealed is null) = (id_number_last4 is null) and length(id_number_last4) between 1 and 4),
    constraint player_identification_tin_check check (
        (tin_sealed is null) = (tin_last4 is null) and length(tin_last4) = 4),
    constraint player_identification_key_check check (
        (key_id is null) = (id_number_sealed is null and tin_sealed is null))
);
create index player_identification_staff_idx on player_identification (casino_id, staff_id);
create trigger player_identification_no_delete before delete on player_identification
    for each row execute function reject_modification();
create trigger player_identification_no_truncate before truncate on player_identification
    for each statement execute function reject_modification();

-- The cage and compliance keep it (cashiers take the cash a CTR reports, compliance files it); admins too. Pit
-- bosses and dealers neither read nor write it.
alter table player_identification owner to pitboss_owner;
grant select, insert, update on player_identification to pitboss_app;
alter table player_identification enable row level security;
alter table player_identification force row level security;
create policy player_identification_read_cage_compliance on player_identification for select
    using (casino_id = app_casino_id() and app_staff_role() in ('cashier', 'compliance', 'admin'));
create policy player_identification_insert_cage_compliance on player_identification for insert
    with check (casino_id = app_casino_id() and app_staff_role() in ('cashier', 'compliance', 'admin')
                and staff_id = app_staff_id());
create policy player_identification_update_cage_compliance on player_identification for update
    using (casino_id = app_casino_id() and app_staff_role() in ('cashier', 'compliance', 'admin'))
    with check (casino_id = app_casino_id() and app_staff_role() in ('cashier', 'compliance', 'admin')
                and staff_id = app_staff_id());

-- The audit log names the new record (pitboss::live::Entity).
alter table audit_log drop constraint audit_log_entity_known;
alter table audit_log add constraint audit_log_entity_known check (entity in (
    'casino', 'casino_settings', 'dealer_rotation', 'feature_flag', 'game_settings', 'gaming_table',
    'loyalty_ledger', 'mtl_audit_note', 'mtl_threshold_alert', 'player', 'player_exclusion',
    'player_financial_transaction', 'player_identification', 'rating_slip', 'staff', 'table_cage_request',
    'table_drop', 'table_inventory_count', 'visit'
));
