-- A pause, a resume or a bet change rewrites a slip's row. PostgreSQL can rewrite it in place, on its page and
-- without a new entry in each of its eleven indexes (a heap-only update), only when no index covers a changed
-- column, in its keys or in its predicate. `status` was in three: pausing and resuming wrote eleven index entries
-- each time, and the indexes swelled with dead ones.
--
-- The active-slip indexes now say "not ended" (`ended_at is null`), which `rating_slip_closed_check` makes the
-- same as "not closed"; only closing, which sets both, touches them. The table's foreign key to its gaming
-- table keeps an index of its own, without the status. Each page keeps a tenth free for rewritten rows.

drop index rating_slip_one_active_per_player_key;
create unique index rating_slip_one_active_per_player_key on rating_slip (casino_id, table_id, player_id)
    where ended_at is null;
drop index rating_slip_one_active_per_seat_key;
create unique index rating_slip_one_active_per_seat_key on rating_slip (casino_id, table_id, seat_number)
    where ended_at is null;
drop index rating_slip_casino_id_table_id_status_idx;
create index rating_slip_casino_id_table_id_idx on rating_slip (casino_id, table_id);
alter table rating_slip set (fillfactor = 90);

-- The floor gauges count active slips through those indexes too; the rest of the function is unchanged.
create or replace function metrics_floor_gauges()
    returns table (casino_id uuid, active_tables bigint, open_slips bigint, slips_open_over_8h bigint)
    language sql stable
    security definer
    set search_path = public, pg_temp
    as $$
        with tables as (
            select t.casino_id, count(*) as active from gaming_table t where t.status = 'active' group by t.casino_id
        ), slips as (
            select s.casino_id, count(*) as open, count(*) filter (where s.started_at < now() - interval '8 hours') as stale
            from rating_slip s where s.ended_at is null group by s.casino_id
        )
        select coalesce(tables.casino_id, slips.casino_id), coalesce(tables.active, 0), coalesce(slips.open, 0),
               coalesce(slips.stale, 0)
        from tables full join slips on slips.casino_id = tables.casino_id
    $$;
