-- Player import (issue 17). A casino may know its members by its own number (the one on their card in the
-- system the casino used before): kept on the enrollment, unique within the casino, so a file naming it twice,
-- or naming a member already enrolled, is caught.
alter table player_casino add column member_number text;
alter table player_casino add constraint player_casino_member_number_check
    check (member_number ~ '^[A-Za-z0-9-]{1,40}$');
create unique index player_casino_casino_id_member_number_key on player_casino (casino_id, member_number)
    where member_number is not null;
