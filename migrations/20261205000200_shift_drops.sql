-- Win per shift (issue 16). Where the drop box is changed at a shift change, the count room counts each box
-- for its shift: a drop entry may name the tray count that ended the shift (`shift_end_id`, a shift-change or
-- closing count of the same table and gaming day). A shift's win is then its drop plus what its tray did;
-- entries that name no shift still count for the day, so a day's win never depends on how the box was split.

alter table table_inventory_count add constraint table_inventory_count_casino_table_id_key
    unique (casino_id, table_id, id);
alter table table_drop add column shift_end_id uuid;
alter table table_drop add constraint table_drop_shift_end_fkey foreign key (casino_id, table_id, shift_end_id)
    references table_inventory_count (casino_id, table_id, id);
create index table_drop_shift_end_idx on table_drop (casino_id, table_id, shift_end_id);

-- The count a drop names ends a shift of the drop's gaming day (the service says so first, with a field error).
create function table_drop_shift_end_check() returns trigger
    language plpgsql
    as $$
begin
    if new.shift_end_id is not null and not exists (
        select 1 from table_inventory_count c
        where c.casino_id = new.casino_id and c.id = new.shift_end_id and c.gaming_day = new.gaming_day
          and c.kind <> 'opening') then
        raise exception 'a drop names the shift-change or closing count of its own gaming day'
            using errcode = 'check_violation';
    end if;
    return new;
end
$$;
alter function table_drop_shift_end_check() owner to pitboss_owner;
create trigger table_drop_shift_end_check before insert on table_drop
    for each row execute function table_drop_shift_end_check();

-- table_periods as before, naming the count that ends each period (a shift's identity).
drop function table_periods(date, date);
create function table_periods(p_from date, p_to date)
    returns table (table_id uuid, gaming_day date, started_at timestamptz, ended_at timestamptz,
                   start_kind inventory_count_kind, end_kind inventory_count_kind,
                   start_cents bigint, end_cents bigint, fills_cents bigint, credits_cents bigint, end_id uuid)
    language sql stable
    as $$
        select e.table_id, e.gaming_day, s.counted_at, e.counted_at, s.kind, e.kind, s.total_cents, e.total_cents,
               coalesce(sum(r.total_cents) filter (where r.kind = 'fill'), 0)::bigint,
               coalesce(sum(r.total_cents) filter (where r.kind = 'credit'), 0)::bigint,
               e.id
        from table_inventory_count e
        cross join lateral (select p.kind, p.total_cents, p.counted_at from table_inventory_count p
                            where p.casino_id = e.casino_id and p.table_id = e.table_id
                              and (p.counted_at, p.id) < (e.counted_at, e.id)
                            order by p.counted_at desc, p.id desc limit 1) s
        left join table_cage_request r
               on r.casino_id = e.casino_id and r.table_id = e.table_id and r.status = 'confirmed'
              and r.resolved_at > s.counted_at and r.resolved_at <= e.counted_at
        where e.casino_id = app_casino_id() and e.gaming_day between p_from and p_to
          and e.kind <> 'opening' and s.kind <> 'closing'
        group by e.id, e.table_id, e.gaming_day, s.counted_at, e.counted_at, s.kind, e.kind, s.total_cents, e.total_cents
    $$;
alter function table_periods(date, date) owner to pitboss_owner;

-- Per period (shift) ending in [p_from, p_to]: its counts, fills and credits, the drop entered for it (null
-- until one is; reversals subtract) and its win (null until then): drop + credits − fills + (end − start).
create function table_shift_results(p_from date, p_to date)
    returns table (table_id uuid, gaming_day date, end_id uuid, started_at timestamptz, ended_at timestamptz,
                   start_kind inventory_count_kind, end_kind inventory_count_kind, start_cents bigint,
                   end_cents bigint, fills_cents bigint, credits_cents bigint, drop_cents bigint, win_cents bigint)
    language sql stable
    as $$
        select p.table_id, p.gaming_day, p.end_id, p.started_at, p.ended_at, p.start_kind, p.end_kind,
               p.start_cents, p.end_cents, p.fills_cents, p.credits_cents, d.drop_cents,
               d.drop_cents + p.credits_cents - p.fills_cents + p.end_cents - p.start_cents
        from table_periods(p_from, p_to) p
        left join lateral (
            select sum(case when reverses_id is null then 1 else -1 end * (cash_cents + markers_cents))::bigint
                       as drop_cents
            from table_drop where casino_id = app_casino_id() and table_id = p.table_id and shift_end_id = p.end_id
            having count(*) > 0
        ) d on true
    $$;
alter function table_shift_results(date, date) owner to pitboss_owner;
