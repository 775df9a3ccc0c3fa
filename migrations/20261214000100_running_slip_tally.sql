-- Pricing a running slip read its whole history: every pause and bet change, on every command and every read.
-- Under the benchmark that read was the dearest statement of a pause (0.84 ms a call, growing with each pause)
-- and its rows the server's dearest work. A running slip now keeps, beside its status, what it had earned at its
-- last change: rated time to the microsecond, the bet-seconds of the stretches at earlier bets, and the whole
-- seconds rated when the bet in play was recorded. Its figures at a later instant follow from these alone.
--
-- Every command that changes a slip writes the tally with the status or bet it changes, in the same statement.
-- Slips without one (started before this migration, loaded in bulk, or changed out of band, which must clear
-- it) keep null: they are priced from their history, and their next command writes one.

alter table rating_slip
    add column tally_at timestamptz,
    add column tally_rated_us bigint,
    add column tally_bet_seconds bigint,
    add column tally_bet_from_seconds bigint,
    -- All or nothing.
    add constraint rating_slip_tally_check check (
        (tally_at is null) = (tally_rated_us is null)
        and (tally_at is null) = (tally_bet_seconds is null)
        and (tally_at is null) = (tally_bet_from_seconds is null)
        and tally_rated_us >= 0 and tally_bet_seconds >= 0 and tally_bet_from_seconds >= 0);
