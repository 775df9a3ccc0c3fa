-- Two statements every slip command runs were planned afresh on every call; their results are unchanged.
--
-- `audit_log_notify` looked up the change's table in one query with a subquery per entity. A plan made for the
-- row at hand drops the branch not taken, so PostgreSQL judged it cheaper than the shared plan and made a new
-- one for every audit row (0.16 ms of a pause's 2 ms in PostgreSQL under the benchmark). Each lookup is now its
-- own statement, and the payload is built without a query.
--
-- `compute_gaming_day` was a SQL function whose query is planned once per calling statement: once per write
-- that stamps a gaming day, and once per read of a slip's clock. In PL/pgSQL its plan is kept for the
-- connection. A casino without settings still gets null.

create or replace function audit_log_notify() returns trigger
    language plpgsql
    as $$
declare
    v_uuid constant text := '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
    v_table uuid;
    v_payload text;
begin
    if new.entity = 'rating_slip' then
        select s.table_id into v_table from rating_slip s where s.id = new.entity_id;
    elsif new.entity = 'visit' then
        select v.table_id into v_table from visit v where v.id = new.entity_id;
    end if;
    v_payload := json_build_object(
        'casino_id', new.casino_id, 'entity', new.entity, 'id', new.entity_id, 'kind', new.action,
        'table_id', v_table, 'staff_id', new.actor_staff_id, 'request_id', new.request_id,
        'visit_id', case when new.entity = 'visit' then new.entity_id
                         when new.after ->> 'visit_id' ~ v_uuid then (new.after ->> 'visit_id')::uuid end,
        'rating_slip_id', case when new.entity = 'rating_slip' then new.entity_id
                               when new.after ->> 'rating_slip_id' ~ v_uuid then (new.after ->> 'rating_slip_id')::uuid end
    )::text;
    perform pg_notify('pitboss_events', v_payload);
    return null;
end
$$;

create or replace function compute_gaming_day(p_casino_id uuid, p_ts timestamptz default app_now()) returns date
    language plpgsql stable parallel safe
    as $$
begin
    return (select gaming_day_at(p_ts, s.timezone, s.gaming_day_start)
            from casino_settings s
            where s.casino_id = p_casino_id);
end
$$;
