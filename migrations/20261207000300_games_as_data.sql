-- Games as data (issue 17): an admin adds game variants beyond the four the casino started with (Mini-Baccarat,
-- Pai Gow, Three Card Poker ...) with their own house edge and pace, and retires them. The game becomes a row:
-- its key (`game_type`, e.g. `mini_baccarat`, made from the name when it is added and never changed, so API
-- callers, audit rows and the settings frozen on rating slips keep naming it) and a name people read.
-- A retired game stays for history (its tables, retired before it, keep pointing at it) and takes no new table.
alter table gaming_table drop constraint gaming_table_game_settings_fkey;
alter table game_settings alter column game_type type text using game_type::text;
alter table gaming_table alter column game_type type text using game_type::text;
alter table gaming_table add constraint gaming_table_game_settings_fkey foreign key (casino_id, game_type)
    references game_settings (casino_id, game_type);
drop type game_type;

alter table game_settings add constraint game_settings_game_type_check check (game_type ~ '^[a-z][a-z0-9_]{0,39}$');
alter table game_settings add column name text;
update game_settings set name = initcap(game_type);
alter table game_settings alter column name set not null;
alter table game_settings add constraint game_settings_name_check
    check (length(btrim(name)) between 1 and 40 and name !~ '[[:cntrl:]]');
create unique index game_settings_casino_id_name_key on game_settings (casino_id, lower(btrim(name)));
alter table game_settings add column retired_at timestamptz;

-- No table joins the floor with a retired game, whoever writes it; the service says GAME_NOT_FOUND first.
create function gaming_table_game_not_retired() returns trigger
    language plpgsql
    set search_path = pg_catalog, public
as $$
begin
    if exists (select 1 from game_settings g
               where g.casino_id = new.casino_id and g.game_type = new.game_type and g.retired_at is not null)
       then
        raise exception 'game % is retired', new.game_type using errcode = 'check_violation',
            constraint = 'gaming_table_game_not_retired';
    end if;
    return new;
end
$$;
alter function gaming_table_game_not_retired() owner to pitboss_owner;
create trigger gaming_table_game_not_retired before insert or update of game_type on gaming_table
    for each row execute function gaming_table_game_not_retired();
