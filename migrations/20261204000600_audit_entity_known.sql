-- The kinds of record an audit row may name: the list `pitboss::live::Entity` has, so a live event always
-- parses in the server and the browser (an unknown name would be dropped there, and the change never shown).
-- tests/migrations.rs compares this list with the Rust type.
alter table audit_log add constraint audit_log_entity_known check (entity in (
    'casino', 'casino_settings', 'dealer_rotation', 'feature_flag', 'game_settings', 'gaming_table',
    'loyalty_ledger', 'player', 'player_exclusion', 'player_financial_transaction', 'rating_slip', 'staff', 'visit'
));
