-- Tables managed from the browser (issue 17): an admin adds a table with its own seat count (null: its game's),
-- edits its pit, limits and seats, and retires it once it is not open. A retired table leaves the floor and
-- stays in history (its visits, slips, counts and drops keep pointing at it); its label is free for a new table.
alter table gaming_table add column seats smallint;
alter table gaming_table add constraint gaming_table_seats_check check (seats between 1 and 20);
alter table gaming_table add column retired_at timestamptz;
alter table gaming_table add constraint gaming_table_retired_not_open_check
    check (retired_at is null or status <> 'active');
alter table gaming_table drop constraint gaming_table_casino_id_label_key;
create unique index gaming_table_casino_id_label_key on gaming_table (casino_id, label) where retired_at is null;
