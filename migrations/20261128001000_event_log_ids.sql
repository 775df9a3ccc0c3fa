-- The change announcement also carries who did it and in which request, and the visit and rating slip it
-- concerns when it concerns one, so the server can write one log line per committed change with those ids
-- (docs/architecture.md#observability). Browsers still receive only casino, entity, id and kind. Ids from
-- `after` are taken only when they are well-formed, so a malformed value can never make the audited change
-- itself fail.
create or replace function audit_log_notify() returns trigger
    language plpgsql
    as $$
declare
    v_uuid constant text := '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
begin
    perform pg_notify('pitboss_events', json_build_object(
        'casino_id', new.casino_id, 'entity', new.entity, 'id', new.entity_id, 'kind', new.action,
        'staff_id', new.actor_staff_id, 'request_id', new.request_id,
        'visit_id', case when new.entity = 'visit' then new.entity_id
                         when new.after ->> 'visit_id' ~ v_uuid then (new.after ->> 'visit_id')::uuid end,
        'rating_slip_id', case when new.entity = 'rating_slip' then new.entity_id
                               when new.after ->> 'rating_slip_id' ~ v_uuid then (new.after ->> 'rating_slip_id')::uuid end
    )::text);
    return null;
end
$$;
