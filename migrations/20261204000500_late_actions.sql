-- Actions a tablet queued while offline (issue: a pause that reached the server after a Wi-Fi drop was stamped
-- when it arrived, so the rated time was wrong by however long the tablet was out).
--
-- A queued pause, resume, close, move or check-out carries the instant it was tapped. The server runs its
-- transaction at that instant (app_now(), as db::scoped_at does) when it is not after the server's clock (a few
-- seconds of tablet clock skew allowed), not before the slip's last change, and not older than the casino's
-- `late_action_minutes`; src/rating_slip/late.rs. The slip keeps both instants: when each change took effect
-- (`started_at`, `ended_at`, on app_now() as before) and when it was written (`*_recorded_at`, the database's
-- clock), as audit rows record when they were written.

alter table casino_settings add column late_action_minutes integer not null default 30;
alter table casino_settings add constraint casino_settings_late_action_minutes_check
    check (late_action_minutes between 1 and 720);

-- What was written before recorded its changes as they happened.
alter table rating_slip add column started_recorded_at timestamptz;
alter table rating_slip add column ended_recorded_at timestamptz;
update rating_slip set started_recorded_at = started_at, ended_recorded_at = ended_at;
alter table rating_slip alter column started_recorded_at set default now();
alter table rating_slip alter column started_recorded_at set not null;

alter table rating_slip_pause add column started_recorded_at timestamptz;
alter table rating_slip_pause add column ended_recorded_at timestamptz;
update rating_slip_pause set started_recorded_at = started_at, ended_recorded_at = ended_at;
alter table rating_slip_pause alter column started_recorded_at set default now();
alter table rating_slip_pause alter column started_recorded_at set not null;

-- Every path that ends a slip or a pause (a close, a check-out, a move, a table close, the rollover, a row
-- written already ended) sets `ended_at`; the trigger stamps when that was written, so none can forget it.
create function stamp_ended_recorded_at() returns trigger
    language plpgsql
    as $$
begin
    if tg_op = 'INSERT' then
        if new.ended_at is not null then
            new.ended_recorded_at := coalesce(new.ended_recorded_at, now());
        end if;
    elsif new.ended_at is distinct from old.ended_at then
        new.ended_recorded_at := case when new.ended_at is null then null else now() end;
    end if;
    return new;
end
$$;
alter function stamp_ended_recorded_at() owner to pitboss_owner;
create trigger rating_slip_stamp_ended_recorded_at before insert or update of ended_at on rating_slip
    for each row execute function stamp_ended_recorded_at();
create trigger rating_slip_pause_stamp_ended_recorded_at before insert or update of ended_at on rating_slip_pause
    for each row execute function stamp_ended_recorded_at();

alter table rating_slip add constraint rating_slip_ended_recorded_check
    check ((ended_at is null) = (ended_recorded_at is null));
alter table rating_slip_pause add constraint rating_slip_pause_ended_recorded_check
    check ((ended_at is null) = (ended_recorded_at is null));
