-- A live event about a slip or a visit names the table it is at, so a dashboard re-reads that one table even
-- for a slip or visit it does not show yet (a new seating), instead of every table. Two primary-key reads
-- per such audit row; other entities carry no table.
create or replace function audit_log_notify() returns trigger
    language plpgsql
    as $$
declare
    v_uuid constant text := '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
begin
    perform pg_notify('pitboss_events', json_build_object(
        'casino_id', new.casino_id, 'entity', new.entity, 'id', new.entity_id, 'kind', new.action,
        'table_id', case new.entity
                        when 'rating_slip' then (select s.table_id from rating_slip s where s.id = new.entity_id)
                        when 'visit' then (select v.table_id from visit v where v.id = new.entity_id)
                    end,
        'staff_id', new.actor_staff_id, 'request_id', new.request_id,
        'visit_id', case when new.entity = 'visit' then new.entity_id
                         when new.after ->> 'visit_id' ~ v_uuid then (new.after ->> 'visit_id')::uuid end,
        'rating_slip_id', case when new.entity = 'rating_slip' then new.entity_id
                               when new.after ->> 'rating_slip_id' ~ v_uuid then (new.after ->> 'rating_slip_id')::uuid end
    )::text);
    return null;
end
$$;
