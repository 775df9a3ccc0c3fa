-- Points spent on a comp (issue 19). A value of its own migration: PostgreSQL lets a new enum value be used
-- only once the transaction that added it has committed.
alter type loyalty_reason add value 'redemption';
