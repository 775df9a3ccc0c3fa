-- The CTR worksheet and the structuring watch (issue 18).
--
-- A Currency Transaction Report (FinCEN Form 112) names the filing casino as well as the patron: its legal name,
-- EIN and address join the casino's settings, which admins keep. So do the structuring watch's parameters: how
-- far below a threshold an entry counts as "just under" it, and over how many consecutive gaming days cash is
-- added up.
alter table casino_settings
    add column legal_name                 text not null default '',
    add column ein                        text not null default '',
    add column address_line               text not null default '',
    add column city                       text not null default '',
    add column region                     text not null default '',
    add column postal_code                text not null default '',
    add column structuring_margin_percent integer not null default 10,
    add column structuring_window_days    integer not null default 3,
    add constraint casino_settings_filer_check check (
        length(legal_name) <= 200 and length(address_line) <= 200 and length(city) <= 100
        and length(region) <= 100 and length(postal_code) <= 20),
    add constraint casino_settings_ein_check check (ein = '' or ein ~ '^[0-9]{2}-[0-9]{7}$'),
    add constraint casino_settings_structuring_margin_check check (structuring_margin_percent between 1 and 50),
    add constraint casino_settings_structuring_window_check check (structuring_window_days between 2 and 7);

-- A CTR filed for a patron's gaming day: once (its key), by the officer who filed it, on the date FinCEN
-- received it, with the BSA identifier FinCEN gave it if any. Append-only: a filing is a fact.
create table ctr_filing (
    id         uuid primary key,
    casino_id  uuid not null,
    player_id  uuid not null,
    gaming_day date not null,
    filed_on   date not null,
    reference  text not null default '',
    staff_id   uuid not null,
    created_at timestamptz not null default app_now(),
    constraint ctr_filing_casino_fkey foreign key (casino_id) references casino (id),
    constraint ctr_filing_player_fkey foreign key (casino_id, player_id) references player_casino (casino_id, player_id),
    constraint ctr_filing_staff_fkey foreign key (casino_id, staff_id) references staff (casino_id, id),
    constraint ctr_filing_once_key unique (casino_id, player_id, gaming_day),
    constraint ctr_filing_filed_on_check check (filed_on >= gaming_day),
    constraint ctr_filing_reference_check check (length(reference) <= 100)
);
create index ctr_filing_day_idx on ctr_filing (casino_id, gaming_day);
create index ctr_filing_staff_idx on ctr_filing (casino_id, staff_id);
create trigger ctr_filing_append_only before update or delete on ctr_filing
    for each row execute function reject_modification();
create trigger ctr_filing_no_truncate before truncate on ctr_filing
    for each statement execute function reject_modification();

-- The worksheet holds the patron's identification, so it is compliance's and admins' alone.
alter table ctr_filing owner to pitboss_owner;
grant select, insert on ctr_filing to pitboss_app;
alter table ctr_filing enable row level security;
alter table ctr_filing force row level security;
create policy ctr_filing_read_compliance on ctr_filing for select
    using (casino_id = app_casino_id() and app_staff_role() in ('compliance', 'admin'));
create policy ctr_filing_write_compliance on ctr_filing for insert
    with check (casino_id = app_casino_id() and app_staff_role() in ('compliance', 'admin')
                and staff_id = app_staff_id());

-- The audit log names the new record (pitboss::live::Entity).
alter table audit_log drop constraint audit_log_entity_known;
alter table audit_log add constraint audit_log_entity_known check (entity in (
    'casino', 'casino_settings', 'ctr_filing', 'dealer_rotation', 'feature_flag', 'game_settings', 'gaming_table',
    'loyalty_ledger', 'mtl_audit_note', 'mtl_threshold_alert', 'player', 'player_exclusion',
    'player_financial_transaction', 'player_identification', 'rating_slip', 'staff', 'table_cage_request',
    'table_drop', 'table_inventory_count', 'visit'
));
