-- Floor gauges for `/metrics`: counts per casino, across casinos, without a request context. Security definer
-- (owner) with owner-only read policies on the two tables it counts; it returns aggregates, never rows.

create policy gaming_table_metrics_read on gaming_table for select to pitboss_owner using (true);
create policy rating_slip_metrics_read on rating_slip for select to pitboss_owner using (true);

create function metrics_floor_gauges()
    returns table (casino_id uuid, active_tables bigint, open_slips bigint, slips_open_over_8h bigint)
    language sql stable
    security definer
    set search_path = public, pg_temp
    as $$
        with tables as (
            select t.casino_id, count(*) as active from gaming_table t where t.status = 'active' group by t.casino_id
        ), slips as (
            select s.casino_id, count(*) as open, count(*) filter (where s.started_at < now() - interval '8 hours') as stale
            from rating_slip s where s.status <> 'closed' group by s.casino_id
        )
        select coalesce(tables.casino_id, slips.casino_id), coalesce(tables.active, 0), coalesce(slips.open, 0),
               coalesce(slips.stale, 0)
        from tables full join slips on slips.casino_id = tables.casino_id
    $$;
alter function metrics_floor_gauges() owner to pitboss_owner;
revoke execute on function metrics_floor_gauges() from public;
grant execute on function metrics_floor_gauges() to pitboss_app;
