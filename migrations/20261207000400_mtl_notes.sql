-- MTL notes (issue 18): compliance staff annotate an MTL entry, or a patron's gaming day (why a patron's
-- cash moved, what identification was seen, who was asked). A note is never changed or removed; a second
-- thought is another note. Each stores the patron and gaming day it is about, so a day's notes are one index
-- probe; a note on an entry names that entry's own, held by the foreign key whoever writes it (integrity checks
-- see every row, whatever the writer may read).
alter table mtl_entry add constraint mtl_entry_casino_id_id_player_id_gaming_day_key
    unique (casino_id, id, player_id, gaming_day);

create table mtl_audit_note (
    id           uuid primary key,
    casino_id    uuid not null,
    mtl_entry_id uuid,
    player_id    uuid not null,
    gaming_day   date not null,
    note         text not null,
    staff_id     uuid not null,
    created_at   timestamptz not null default now(),
    constraint mtl_audit_note_entry_fkey foreign key (casino_id, mtl_entry_id, player_id, gaming_day)
        references mtl_entry (casino_id, id, player_id, gaming_day),
    constraint mtl_audit_note_enrollment_fkey foreign key (casino_id, player_id)
        references player_casino (casino_id, player_id),
    constraint mtl_audit_note_staff_fkey foreign key (casino_id, staff_id) references staff (casino_id, id),
    constraint mtl_audit_note_note_check check (length(btrim(note)) between 1 and 1000)
);
create index mtl_audit_note_day_idx on mtl_audit_note (casino_id, gaming_day, player_id);
create index mtl_audit_note_entry_idx on mtl_audit_note (casino_id, mtl_entry_id, player_id, gaming_day);
create index mtl_audit_note_player_idx on mtl_audit_note (casino_id, player_id);
create index mtl_audit_note_staff_idx on mtl_audit_note (casino_id, staff_id);
create trigger mtl_audit_note_append_only before update or delete on mtl_audit_note
    for each row execute function reject_modification();
create trigger mtl_audit_note_no_truncate before truncate on mtl_audit_note
    for each statement execute function reject_modification();

alter table mtl_audit_note owner to pitboss_owner;
grant select, insert on mtl_audit_note to pitboss_app;
alter table mtl_audit_note enable row level security;
alter table mtl_audit_note force row level security;
create policy mtl_audit_note_read_compliance_roles on mtl_audit_note for select
    using (casino_id = app_casino_id() and app_staff_role() in ('compliance', 'pit_boss', 'admin'));
create policy mtl_audit_note_write_compliance on mtl_audit_note for insert
    with check (casino_id = app_casino_id() and app_staff_role() in ('compliance', 'admin'));

-- The audit log names the new record (pitboss::live::Entity).
alter table audit_log drop constraint audit_log_entity_known;
alter table audit_log add constraint audit_log_entity_known check (entity in (
    'casino', 'casino_settings', 'dealer_rotation', 'feature_flag', 'game_settings', 'gaming_table',
    'loyalty_ledger', 'mtl_audit_note', 'player', 'player_exclusion', 'player_financial_transaction',
    'rating_slip', 'staff', 'table_cage_request', 'table_drop', 'table_inventory_count', 'visit'
));
