-- The linker read its batch by joining the queue to the whole audit log: with the queue's statistics taken
-- while it held a few thousand rows, the plan it kept was a hash join over a sequential scan of `audit_log`
-- (106,581 rows, 2,593 buffers, 11–25 ms a run on the benchmark's floor, about five runs a second), a cost
-- that grows with the log, not with the batch.
--
-- The queue now carries each row's `seq`, so the batch is chosen in the queue alone, in order, through its
-- own index, and each of its rows is fetched from the log by primary key (a lateral subquery the planner
-- cannot flatten into a join). The hashes, the order, the batch and the locking are unchanged.

alter table audit_chain_pending add column seq bigint;
update audit_chain_pending p set seq = a.seq from audit_log a where a.id = p.audit_id;
-- A queued id with no audit row cannot be linked whatever its place; it keeps the end of the queue, as the
-- old join left it out altogether.
update audit_chain_pending set seq = 9223372036854775807 where seq is null;
alter table audit_chain_pending alter column seq set not null;
drop index audit_chain_pending_casino_id_idx;
create index audit_chain_pending_casino_id_seq_idx on audit_chain_pending (casino_id, seq);
-- A queue: rows arrive and leave hundreds of times a second, so vacuum it by the number of dead rows, not by
-- a share of the few live ones.
alter table audit_chain_pending set (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000);

create or replace function audit_log_queue_link() returns trigger
    language plpgsql
    security definer
    set search_path = public, pg_temp
    as $$
begin
    insert into audit_chain_pending (audit_id, casino_id, seq) values (new.id, new.casino_id, new.seq);
    return null;
end
$$;

create or replace function audit_chain_link_pending(p_batch integer)
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
    v_ids    uuid[];
    v_hashes bytea[];
    v_linked integer := 0;
begin
    for v_casino in select distinct p.casino_id from audit_chain_pending p loop
        continue when not pg_try_advisory_xact_lock(hashtextextended('audit_chain:' || v_casino::text, 0));
        -- Read after the lock: the previous linker of this casino has committed by now.
        select c.seq, c.hash into v_seq, v_hash from audit_chain c
            where c.casino_id = v_casino order by c.seq desc limit 1;
        v_seq := coalesce(v_seq, 0);
        v_ids := '{}';
        v_hashes := '{}';
        -- `offset 0` keeps the subquery apart, so each queued row is one primary-key lookup in the log.
        for r in select a.*
                 from (select p.audit_id, p.seq from audit_chain_pending p
                       where p.casino_id = v_casino order by p.seq limit p_batch) p
                 cross join lateral (select l.* from audit_log l where l.id = p.audit_id offset 0) a
                 order by p.seq loop
            v_hash := audit_row_digest(r, v_hash);
            v_ids := v_ids || r.id;
            v_hashes := v_hashes || v_hash;
        end loop;
        insert into audit_chain (casino_id, seq, audit_id, hash)
            select v_casino, v_seq + l.n, l.audit_id, l.hash
            from unnest(v_ids, v_hashes) with ordinality as l(audit_id, hash, n);
        delete from audit_chain_pending where audit_id = any(v_ids);
        v_linked := v_linked + cardinality(v_ids);
    end loop;
    return v_linked;
end
$$;
