-- Moving a player (issue: a player who changed tables was closed out and seated again, the two slips unlinked).
--
-- A move closes the running slip and starts one at the destination in the same transaction; the new slip names
-- the one it continues, and carries the rated seconds of the chain before it (fixed, since those slips are
-- closed), so a slip panel shows the chain's total without walking it. A slip is continued at most once.

alter table rating_slip add column previous_slip_id uuid;
alter table rating_slip add column chain_prior_seconds integer not null default 0;
alter table rating_slip add constraint rating_slip_previous_fkey foreign key (casino_id, previous_slip_id)
    references rating_slip (casino_id, id);
alter table rating_slip add constraint rating_slip_chain_prior_seconds_check check (chain_prior_seconds >= 0);
create unique index rating_slip_one_continuation_key on rating_slip (casino_id, previous_slip_id)
    where previous_slip_id is not null;
