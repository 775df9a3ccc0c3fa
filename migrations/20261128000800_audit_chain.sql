-- Tamper evidence for the audit log: every audit row gets a link in a per-casino hash chain whose hash covers
-- the row's content and the previous link's hash, so editing, deleting or inserting audit rows behind the
-- app's back breaks the chain where it happened (`audit_chain_verify`, `pitboss audit verify`).
--
-- Links are made at commit (a deferred trigger), after the transaction has taken every other lock it needs:
-- the per-casino chain lock is then held only for the commit itself and can never be part of a deadlock.

-- The digest of one audit row after `p_prev`. Timestamps enter as integer microseconds and JSON as jsonb's
-- canonical text, so the digest does not depend on session settings.
create function audit_row_digest(p_row audit_log, p_prev bytea) returns bytea
    language sql immutable
    as $$
        select sha256(coalesce(p_prev, '\x'::bytea) || convert_to(concat_ws(E'\x1f',
            p_row.id::text, p_row.casino_id::text, (extract(epoch from p_row.occurred_at) * 1000000)::bigint::text,
            coalesce(p_row.actor_staff_id::text, ''), coalesce(p_row.request_id::text, ''), p_row.action, p_row.entity,
            coalesce(p_row.entity_id::text, ''), coalesce(p_row.before::text, ''), coalesce(p_row.after::text, '')), 'UTF8'))
    $$;
alter function audit_row_digest(audit_log, bytea) owner to pitboss_owner;

create table audit_chain (
    casino_id  uuid not null,
    seq        bigint not null,
    audit_id   uuid not null,
    hash       bytea not null,
    chained_at timestamptz not null default now(),
    constraint audit_chain_pkey primary key (casino_id, seq),
    constraint audit_chain_audit_id_key unique (audit_id),
    constraint audit_chain_casino_id_fkey foreign key (casino_id) references casino (id),
    constraint audit_chain_audit_id_fkey foreign key (audit_id) references audit_log (id),
    constraint audit_chain_seq_check check (seq > 0)
);
create trigger audit_chain_append_only before update or delete on audit_chain
    for each row execute function reject_modification();
create trigger audit_chain_no_truncate before truncate on audit_chain
    for each statement execute function reject_modification();

alter table audit_chain owner to pitboss_owner;
grant select on audit_chain to pitboss_app;
alter table audit_chain enable row level security;
alter table audit_chain force row level security;
create policy audit_chain_read_same_casino on audit_chain for select
    using (casino_id = app_casino_id());
-- Only the linking trigger (running as the owner) writes links; it names the casino from the audit row itself.
create policy audit_chain_system on audit_chain to pitboss_owner
    using (true) with check (true);

-- Existing rows join the chain in the order they were written.
do $$
declare
    r      audit_log;
    v_prev bytea;
    v_seq  bigint;
    v_last uuid;
begin
    for r in select * from audit_log order by casino_id, seq loop
        if v_last is distinct from r.casino_id then
            v_prev := null;
            v_seq := 0;
            v_last := r.casino_id;
        end if;
        v_seq := v_seq + 1;
        v_prev := audit_row_digest(r, v_prev);
        insert into audit_chain (casino_id, seq, audit_id, hash) values (r.casino_id, v_seq, r.id, v_prev);
    end loop;
end
$$;

create function audit_chain_link() returns trigger
    language plpgsql
    security definer
    set search_path = public, pg_temp
    as $$
declare
    v_prev audit_chain;
begin
    perform pg_advisory_xact_lock(hashtextextended('audit_chain:' || new.casino_id::text, 0));
    select * into v_prev from audit_chain where casino_id = new.casino_id order by seq desc limit 1;
    insert into audit_chain (casino_id, seq, audit_id, hash)
        values (new.casino_id, coalesce(v_prev.seq, 0) + 1, new.id, audit_row_digest(new, v_prev.hash));
    return null;
end
$$;
alter function audit_chain_link() owner to pitboss_owner;
revoke execute on function audit_chain_link() from public;
create constraint trigger audit_log_chain after insert on audit_log
    deferrable initially deferred
    for each row execute function audit_chain_link();

-- The first broken link of each casino's chain (no rows: every chain verifies). Run by an operator
-- connection, which sees every casino; the runtime role sees only its own casino's rows.
create function audit_chain_verify()
    returns table (casino_id uuid, seq bigint, audit_id uuid, problem text)
    language plpgsql stable
    as $$
declare
    c         record;
    l         audit_chain;
    v_row     audit_log;
    v_prev    bytea;
    v_next    bigint;
    v_problem text;
begin
    for c in select id from casino order by id loop
        v_prev := null;
        v_next := 1;
        v_problem := null;
        for l in select * from audit_chain a where a.casino_id = c.id order by a.seq loop
            if l.seq <> v_next then
                v_problem := format('link %s is missing (the chain jumps from %s to %s)', v_next, v_next - 1, l.seq);
            else
                select * into v_row from audit_log a where a.id = l.audit_id;
                if not found then
                    v_problem := 'the audit row was deleted';
                elsif v_row.casino_id <> c.id or audit_row_digest(v_row, v_prev) <> l.hash then
                    v_problem := 'the audit row was altered (its hash does not match)';
                end if;
            end if;
            if v_problem is not null then
                casino_id := c.id;
                seq := l.seq;
                audit_id := l.audit_id;
                problem := v_problem;
                return next;
                exit;
            end if;
            v_prev := l.hash;
            v_next := v_next + 1;
        end loop;
        if v_problem is null then
            select a.id into audit_id from audit_log a
                where a.casino_id = c.id and not exists (select 1 from audit_chain h where h.audit_id = a.id)
                order by a.seq limit 1;
            if found then
                casino_id := c.id;
                seq := null;
                problem := 'an audit row is not in the chain (inserted behind the app''s back)';
                return next;
            end if;
        end if;
    end loop;
end
$$;
alter function audit_chain_verify() owner to pitboss_owner;
