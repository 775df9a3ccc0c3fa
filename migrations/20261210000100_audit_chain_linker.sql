-- The audit chain is linked after commit, in batches, instead of at commit.
--
-- The deferred trigger `audit_log_chain` took a per-casino lock at commit and held it through the WAL flush, so
-- every commit of a casino waited for the one before it (half the active backends under load were waiting on
-- it). Now the writing transaction only queues its audit rows (`audit_chain_pending`, no lock), and
-- `audit_chain_link_pending` — run by every server's background linker — appends them to the chain in
-- batches, one linker per casino at a time.
--
-- Tamper evidence is unchanged for the linked part. An audit row that is neither linked nor queued was
-- inserted without its trigger (behind the app's back), as before; a queued row is pending, and the verifier
-- reports how many there are and how old the oldest is.

drop trigger audit_log_chain on audit_log;
drop function audit_chain_link();

-- No foreign keys: a key check would lock the casino row (already locked by the audit row's own key) and
-- the new audit row for every write; the rows come only from the trigger below and leave when linked.
create table audit_chain_pending (
    audit_id  uuid not null,
    casino_id uuid not null,
    queued_at timestamptz not null default now(),
    constraint audit_chain_pending_pkey primary key (audit_id)
);
create index audit_chain_pending_casino_id_idx on audit_chain_pending (casino_id);
alter table audit_chain_pending owner to pitboss_owner;
grant select on audit_chain_pending to pitboss_app;
alter table audit_chain_pending enable row level security;
alter table audit_chain_pending force row level security;
create policy audit_chain_pending_read_same_casino on audit_chain_pending for select
    using (casino_id = app_casino_id());
-- The queuing trigger and the linker run as the owner, across casinos.
create policy audit_chain_pending_system on audit_chain_pending to pitboss_owner
    using (true) with check (true);
-- The linker reads the rows it links, whatever the casino.
create policy audit_log_linker_read on audit_log for select to pitboss_owner using (true);

create function audit_log_queue_link() returns trigger
    language plpgsql
    security definer
    set search_path = public, pg_temp
    as $$
begin
    insert into audit_chain_pending (audit_id, casino_id) values (new.id, new.casino_id);
    return null;
end
$$;
alter function audit_log_queue_link() owner to pitboss_owner;
revoke execute on function audit_log_queue_link() from public;
create trigger audit_log_queue_link after insert on audit_log
    for each row execute function audit_log_queue_link();

-- Links up to `p_batch` queued rows per casino onto the casino's chain, in the order they were written
-- (`audit_log.seq`), and returns how many it linked. A casino another linker is working on is skipped: that
-- linker links its rows. Linking happens in the caller's transaction, so a crash before commit leaves the
-- rows queued for the next run.
create function audit_chain_link_pending(p_batch integer)
    returns integer
    language plpgsql
    security definer
    set search_path = public, pg_temp
    as $$
declare
    v_casino uuid;
    v_seq    bigint;
    v_hash   bytea;
    r        audit_log;
    v_linked integer := 0;
begin
    for v_casino in select distinct p.casino_id from audit_chain_pending p loop
        continue when not pg_try_advisory_xact_lock(hashtextextended('audit_chain:' || v_casino::text, 0));
        -- Read after the lock: the previous linker of this casino has committed by now.
        select c.seq, c.hash into v_seq, v_hash from audit_chain c
            where c.casino_id = v_casino order by c.seq desc limit 1;
        v_seq := coalesce(v_seq, 0);
        for r in select a.* from audit_chain_pending p join audit_log a on a.id = p.audit_id
                 where p.casino_id = v_casino order by a.seq limit p_batch loop
            v_seq := v_seq + 1;
            v_hash := audit_row_digest(r, v_hash);
            insert into audit_chain (casino_id, seq, audit_id, hash) values (v_casino, v_seq, r.id, v_hash);
            delete from audit_chain_pending where audit_id = r.id;
            v_linked := v_linked + 1;
        end loop;
    end loop;
    return v_linked;
end
$$;
alter function audit_chain_link_pending(integer) owner to pitboss_owner;
revoke execute on function audit_chain_link_pending(integer) from public;
grant execute on function audit_chain_link_pending(integer) to pitboss_app;

-- Per casino, the audit rows waiting to be linked and when the oldest was queued (no row: nothing waits).
-- The runtime role sees its own casino's; an operator sees every casino's.
create function audit_chain_pending_status()
    returns table (casino_id uuid, pending bigint, oldest timestamptz)
    language sql stable
    as $$
        select p.casino_id, count(*), min(p.queued_at) from audit_chain_pending p group by p.casino_id
    $$;
alter function audit_chain_pending_status() owner to pitboss_owner;

-- The `/metrics` gauges of the linker's lag, across casinos.
create function metrics_audit_chain_lag()
    returns table (pending bigint, lag_seconds double precision)
    language sql stable
    security definer
    set search_path = public, pg_temp
    as $$
        select count(*), coalesce(extract(epoch from now() - min(queued_at)), 0)::double precision
        from audit_chain_pending
    $$;
alter function metrics_audit_chain_lag() owner to pitboss_owner;
revoke execute on function metrics_audit_chain_lag() from public;
grant execute on function metrics_audit_chain_lag() to pitboss_app;

-- As before, but a row waiting in the queue is pending, not a break.
create or replace function audit_chain_verify()
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
                where a.casino_id = c.id
                  and not exists (select 1 from audit_chain h where h.audit_id = a.id)
                  and not exists (select 1 from audit_chain_pending p where p.audit_id = a.id)
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
