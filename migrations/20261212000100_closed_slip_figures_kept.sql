-- A closed slip's figures never change (a late action may not reach back before a slip's last change), yet every
-- read derived them again from all its pauses and bet segments: the shift view of a busy day read 21,334 history
-- rows, 98 of its 135 ms in PostgreSQL, to price 2,123 slips of which 280 were running. Closing now keeps the
-- rated figures beside the final duration, and reads of a closed slip take them from here.
--
-- Slips closed before this migration, and slips loaded in bulk without them, keep null: reads derive their
-- figures from their history as before.

alter table rating_slip
    add column final_average_bet_cents bigint,
    add column final_theo_cents bigint,
    -- Kept together, only on a closed slip.
    add constraint rating_slip_final_figures_check check (
        (final_average_bet_cents is null) = (final_theo_cents is null)
        and (final_average_bet_cents is null or final_duration_seconds is not null)
        and final_average_bet_cents >= 0 and final_theo_cents >= 0);
