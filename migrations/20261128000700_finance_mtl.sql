-- Finance (behind the finance_minimal_enabled flag): an append-only log of a player's deposits and
-- withdrawals, corrected only by reversing entries. MTL: the system logs every cash transaction that brings
-- the player's cash total for that gaming day and direction to the watchlist floor or beyond, in the same
-- transaction; users can read the log (compliance roles) but never write it.

create type financial_direction as enum ('in', 'out');
create type financial_tender as enum ('cash', 'chips', 'check', 'marker', 'wire');
create type financial_source as enum ('pit', 'cage');
alter type financial_direction owner to pitboss_owner;
alter type financial_tender owner to pitboss_owner;
alter type financial_source owner to pitboss_owner;

-- The time a transaction acts at: the database clock, unless the caller set `app.clock` for the transaction
-- (the shift simulator and the gaming-day tests do; a browser request never can).
create function app_now() returns timestamptz
    language sql stable
    as $$ select coalesce(nullif(current_setting('app.clock', true), '')::timestamptz, now()) $$;
alter function app_now() owner to pitboss_owner;

-- ---- player_financial_transaction -------------------------------------------------------------------------------

create table player_financial_transaction (
    id              uuid primary key,
    casino_id       uuid not null,
    player_id       uuid not null,
    visit_id        uuid,
    rating_slip_id  uuid,
    direction       financial_direction not null,
    amount_cents    bigint not null,
    tender          financial_tender not null,
    source          financial_source not null,
    note            text,
    -- A correction: it cancels the whole original (same player, direction, tender, amount and gaming day).
    reverses_id     uuid,
    gaming_day      date not null,
    staff_id        uuid not null,
    idempotency_key uuid not null,
    created_at      timestamptz not null,
    constraint player_financial_transaction_casino_id_id_key unique (casino_id, id),
    constraint player_financial_transaction_idempotency_key_key unique (casino_id, idempotency_key),
    constraint player_financial_transaction_enrollment_fkey foreign key (casino_id, player_id)
        references player_casino (casino_id, player_id),
    constraint player_financial_transaction_visit_fkey foreign key (casino_id, visit_id) references visit (casino_id, id),
    constraint player_financial_transaction_rating_slip_fkey foreign key (casino_id, rating_slip_id)
        references rating_slip (casino_id, id),
    constraint player_financial_transaction_staff_fkey foreign key (casino_id, staff_id) references staff (casino_id, id),
    constraint player_financial_transaction_reverses_fkey foreign key (casino_id, reverses_id)
        references player_financial_transaction (casino_id, id),
    constraint player_financial_transaction_amount_check check (amount_cents > 0),
    constraint player_financial_transaction_note_check check (char_length(note) between 1 and 200),
    constraint player_financial_transaction_reversal_note_check check (reverses_id is null or note is not null)
);
-- An entry is reversed at most once.
create unique index player_financial_transaction_one_reversal_key on player_financial_transaction (casino_id, reverses_id)
    where reverses_id is not null;
create index player_financial_transaction_day_idx on player_financial_transaction (casino_id, gaming_day, player_id);
create index player_financial_transaction_player_idx on player_financial_transaction (casino_id, player_id, created_at desc);
create index player_financial_transaction_visit_idx on player_financial_transaction (casino_id, visit_id);
create index player_financial_transaction_rating_slip_idx on player_financial_transaction (casino_id, rating_slip_id);
create index player_financial_transaction_staff_idx on player_financial_transaction (casino_id, staff_id);
create trigger player_financial_transaction_append_only before update or delete on player_financial_transaction
    for each row execute function reject_modification();
create trigger player_financial_transaction_no_truncate before truncate on player_financial_transaction
    for each statement execute function reject_modification();

alter table player_financial_transaction owner to pitboss_owner;
grant select, insert on player_financial_transaction to pitboss_app;
alter table player_financial_transaction enable row level security;
alter table player_financial_transaction force row level security;
create policy player_financial_transaction_read_finance_roles on player_financial_transaction for select
    using (casino_id = app_casino_id() and app_staff_role() in ('cashier', 'pit_boss', 'compliance', 'admin'));
create policy player_financial_transaction_append_only on player_financial_transaction for insert
    with check (casino_id = app_casino_id() and app_staff_role() in ('cashier', 'pit_boss', 'admin'));

-- ---- mtl_entry ------------------------------------------------------------------------------------------------------

create table mtl_entry (
    id               uuid primary key,
    casino_id        uuid not null,
    player_id        uuid not null,
    financial_txn_id uuid not null,
    visit_id         uuid,
    rating_slip_id   uuid,
    staff_id         uuid not null,
    direction        financial_direction not null,
    source           financial_source not null,
    amount_cents     bigint not null,
    is_reversal      boolean not null,
    -- The player's cash total that gaming day in that direction, this transaction included.
    day_total_cents  bigint not null,
    gaming_day       date not null,
    created_at       timestamptz not null,
    constraint mtl_entry_financial_txn_key unique (casino_id, financial_txn_id),
    constraint mtl_entry_financial_txn_fkey foreign key (casino_id, financial_txn_id)
        references player_financial_transaction (casino_id, id),
    constraint mtl_entry_enrollment_fkey foreign key (casino_id, player_id) references player_casino (casino_id, player_id),
    constraint mtl_entry_visit_fkey foreign key (casino_id, visit_id) references visit (casino_id, id),
    constraint mtl_entry_rating_slip_fkey foreign key (casino_id, rating_slip_id) references rating_slip (casino_id, id),
    constraint mtl_entry_staff_fkey foreign key (casino_id, staff_id) references staff (casino_id, id),
    constraint mtl_entry_amount_check check (amount_cents > 0)
);
create index mtl_entry_recent_idx on mtl_entry (casino_id, created_at desc);
create index mtl_entry_day_idx on mtl_entry (casino_id, gaming_day, player_id);
create index mtl_entry_player_idx on mtl_entry (casino_id, player_id);
create index mtl_entry_visit_idx on mtl_entry (casino_id, visit_id);
create index mtl_entry_rating_slip_idx on mtl_entry (casino_id, rating_slip_id);
create index mtl_entry_staff_idx on mtl_entry (casino_id, staff_id);
create trigger mtl_entry_append_only before update or delete on mtl_entry
    for each row execute function reject_modification();
create trigger mtl_entry_no_truncate before truncate on mtl_entry
    for each statement execute function reject_modification();

-- The runtime role may only read it; rows come from the trigger below, which runs as the owner.
alter table mtl_entry owner to pitboss_owner;
grant select on mtl_entry to pitboss_app;
alter table mtl_entry enable row level security;
alter table mtl_entry force row level security;
create policy mtl_entry_read_compliance_roles on mtl_entry for select
    using (casino_id = app_casino_id() and app_staff_role() in ('compliance', 'pit_boss', 'admin'));
create policy mtl_entry_system_read on mtl_entry for select to pitboss_owner
    using (casino_id = app_casino_id());
create policy mtl_entry_system_insert on mtl_entry for insert to pitboss_owner
    with check (casino_id = app_casino_id());

-- Logs a cash transaction once the player's cash total for its gaming day and direction has reached the
-- watchlist floor (the crossing transaction and every later one), and the reversal of any logged entry.
-- Security definer so the runtime role need not (and cannot) insert MTL rows itself; a trigger function cannot
-- be called directly.
create function mtl_log_cash_transaction() returns trigger
    language plpgsql
    security definer
    set search_path = public, pg_temp
    as $$
declare
    v_floor  bigint;
    v_total  bigint;
    v_logged boolean;
begin
    if new.tender <> 'cash' then
        return null;
    end if;
    select watchlist_floor_cents into v_floor from casino_settings where casino_id = new.casino_id;
    select coalesce(sum(case when reverses_id is null then amount_cents else -amount_cents end), 0) into v_total
        from player_financial_transaction
        where casino_id = new.casino_id and player_id = new.player_id and gaming_day = new.gaming_day
          and direction = new.direction and tender = 'cash';
    if new.reverses_id is null then
        v_logged := v_total >= v_floor;
    else
        v_logged := exists (select 1 from mtl_entry where casino_id = new.casino_id and financial_txn_id = new.reverses_id);
    end if;
    if v_logged then
        insert into mtl_entry (id, casino_id, player_id, financial_txn_id, visit_id, rating_slip_id, staff_id,
                               direction, source, amount_cents, is_reversal, day_total_cents, gaming_day, created_at)
            values (gen_random_uuid(), new.casino_id, new.player_id, new.id, new.visit_id, new.rating_slip_id,
                    new.staff_id, new.direction, new.source, new.amount_cents, new.reverses_id is not null, v_total,
                    new.gaming_day, new.created_at);
    end if;
    return null;
end
$$;
alter function mtl_log_cash_transaction() owner to pitboss_owner;
revoke execute on function mtl_log_cash_transaction() from public;
create trigger player_financial_transaction_mtl after insert on player_financial_transaction
    for each row execute function mtl_log_cash_transaction();

-- ---- writing entries --------------------------------------------------------------------------------------------------

-- The checks every finance write starts with. Refusals carry SQLSTATEs the app maps to error codes:
--   PB401 no context · PB403 role may not record finance · PB451 the finance flag is off ·
--   PB454 the role may not record for that source (pit bosses at the pit, cashiers at the cage; a null
--   source skips this check).
create function finance_check_caller(p_source financial_source) returns void
    language plpgsql stable
    as $$
begin
    if app_casino_id() is null or app_staff_id() is null then
        raise exception 'no casino or staff in the request context' using errcode = 'PB401';
    end if;
    if app_staff_role() is null or app_staff_role() not in ('cashier', 'pit_boss', 'admin') then
        raise exception 'only cashiers, pit bosses and admins record finance entries' using errcode = 'PB403';
    end if;
    if not coalesce((select enabled from feature_flag
                     where casino_id = app_casino_id() and key = 'finance_minimal_enabled'), false) then
        raise exception 'finance entries are turned off (finance_minimal_enabled)' using errcode = 'PB451';
    end if;
    if p_source is not null
       and ((app_staff_role() = 'pit_boss' and p_source <> 'pit') or (app_staff_role() = 'cashier' and p_source <> 'cage')) then
        raise exception 'a % records % entries only', app_staff_role(),
            case app_staff_role() when 'pit_boss' then 'pit' else 'cage' end using errcode = 'PB454';
    end if;
end
$$;
alter function finance_check_caller(financial_source) owner to pitboss_owner;

-- Records a deposit (in) or withdrawal (out), US-006. Casino, staff and role come from the request context;
-- the gaming day is derived here with compute_gaming_day. Further refusals:
--   PB404 no such visit or slip here · PB409 the player is not enrolled here · PB410 the visit or slip is
--   another player's · PB452 amount not positive · PB453 note longer than 200 characters.
-- A retry with the same key returns the first entry and writes nothing. One player's entries are written one at
-- a time (advisory lock), so the MTL trigger always sees every earlier entry of that day.
create function rpc_create_financial_txn(
    p_player_id uuid, p_direction financial_direction, p_amount_cents bigint, p_tender financial_tender,
    p_source financial_source, p_visit_id uuid, p_rating_slip_id uuid, p_note text, p_idempotency_key uuid
) returns player_financial_transaction
    language plpgsql
    as $$
declare
    v_casino uuid := app_casino_id();
    v_entry  player_financial_transaction;
    v_owner  uuid;
    v_visit  uuid := p_visit_id;
    v_at     timestamptz := app_now();
begin
    perform pg_advisory_xact_lock(hashtextextended(coalesce(v_casino::text, '') || p_idempotency_key::text, 0));
    select * into v_entry from player_financial_transaction
        where casino_id = v_casino and idempotency_key = p_idempotency_key;
    if found then
        return v_entry;
    end if;
    perform finance_check_caller(p_source);
    if p_amount_cents is null or p_amount_cents <= 0 then
        raise exception 'the amount must be positive' using errcode = 'PB452';
    end if;
    if char_length(p_note) > 200 then
        raise exception 'the note is longer than 200 characters' using errcode = 'PB453';
    end if;
    if not exists (select 1 from player_casino where casino_id = v_casino and player_id = p_player_id) then
        raise exception 'the player is not enrolled here' using errcode = 'PB409';
    end if;
    if p_rating_slip_id is not null then
        select player_id, visit_id into v_owner, v_visit from rating_slip
            where casino_id = v_casino and id = p_rating_slip_id;
        if not found then
            raise exception 'no such rating slip' using errcode = 'PB404';
        end if;
        if v_owner <> p_player_id or (p_visit_id is not null and p_visit_id <> v_visit) then
            raise exception 'the rating slip is another player''s' using errcode = 'PB410';
        end if;
    elsif p_visit_id is not null then
        select player_id into v_owner from visit where casino_id = v_casino and id = p_visit_id;
        if not found then
            raise exception 'no such visit' using errcode = 'PB404';
        end if;
        if v_owner <> p_player_id then
            raise exception 'the visit is another player''s' using errcode = 'PB410';
        end if;
    end if;
    perform pg_advisory_xact_lock(hashtextextended('finance:' || v_casino::text || p_player_id::text, 0));
    insert into player_financial_transaction (id, casino_id, player_id, visit_id, rating_slip_id, direction,
                                              amount_cents, tender, source, note, gaming_day, staff_id,
                                              idempotency_key, created_at)
        values (gen_random_uuid(), v_casino, p_player_id, v_visit, p_rating_slip_id, p_direction, p_amount_cents,
                p_tender, p_source, nullif(btrim(p_note), ''), compute_gaming_day(v_casino, v_at), app_staff_id(),
                p_idempotency_key, v_at)
        returning * into v_entry;
    insert into audit_log (casino_id, action, entity, entity_id, after)
        values (v_casino, 'player_financial_transaction.created', 'player_financial_transaction', v_entry.id,
                json_build_object('player_id', p_player_id, 'direction', p_direction, 'amount_cents', p_amount_cents,
                                  'tender', p_tender, 'source', p_source, 'gaming_day', v_entry.gaming_day,
                                  'visit_id', v_visit, 'rating_slip_id', p_rating_slip_id));
    return v_entry;
end
$$;
alter function rpc_create_financial_txn(uuid, financial_direction, bigint, financial_tender, financial_source, uuid, uuid,
                                        text, uuid) owner to pitboss_owner;

-- Corrects an entry by appending its reversal: same player, direction, tender, source, amount and gaming day,
-- with a reason. Further refusals: PB404 no such entry here · PB453 reason missing or longer than 200
-- characters · PB455 the entry is a reversal itself or already reversed. Idempotent by key like creation.
create function rpc_reverse_financial_txn(p_original_id uuid, p_note text, p_idempotency_key uuid)
    returns player_financial_transaction
    language plpgsql
    as $$
declare
    v_casino   uuid := app_casino_id();
    v_entry    player_financial_transaction;
    v_original player_financial_transaction;
begin
    perform pg_advisory_xact_lock(hashtextextended(coalesce(v_casino::text, '') || p_idempotency_key::text, 0));
    select * into v_entry from player_financial_transaction
        where casino_id = v_casino and idempotency_key = p_idempotency_key;
    if found then
        return v_entry;
    end if;
    select * into v_original from player_financial_transaction where casino_id = v_casino and id = p_original_id;
    if not found then
        perform finance_check_caller(null);
        raise exception 'no such finance entry' using errcode = 'PB404';
    end if;
    perform finance_check_caller(v_original.source);
    if p_note is null or btrim(p_note) = '' or char_length(p_note) > 200 then
        raise exception 'a reversal needs a reason of 1 to 200 characters' using errcode = 'PB453';
    end if;
    perform pg_advisory_xact_lock(hashtextextended('finance:' || v_casino::text || v_original.player_id::text, 0));
    if v_original.reverses_id is not null
       or exists (select 1 from player_financial_transaction where casino_id = v_casino and reverses_id = p_original_id) then
        raise exception 'the entry is a reversal or already reversed' using errcode = 'PB455';
    end if;
    insert into player_financial_transaction (id, casino_id, player_id, visit_id, rating_slip_id, direction,
                                              amount_cents, tender, source, note, reverses_id, gaming_day, staff_id,
                                              idempotency_key, created_at)
        values (gen_random_uuid(), v_casino, v_original.player_id, v_original.visit_id, v_original.rating_slip_id,
                v_original.direction, v_original.amount_cents, v_original.tender, v_original.source, btrim(p_note),
                p_original_id, v_original.gaming_day, app_staff_id(), p_idempotency_key, app_now())
        returning * into v_entry;
    insert into audit_log (casino_id, action, entity, entity_id, before, after)
        values (v_casino, 'player_financial_transaction.reversed', 'player_financial_transaction', v_entry.id,
                json_build_object('reverses_id', p_original_id),
                json_build_object('player_id', v_entry.player_id, 'direction', v_entry.direction,
                                  'amount_cents', v_entry.amount_cents, 'gaming_day', v_entry.gaming_day,
                                  'reason', v_entry.note));
    return v_entry;
end
$$;
alter function rpc_reverse_financial_txn(uuid, text, uuid) owner to pitboss_owner;
