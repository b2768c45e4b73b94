-- A version per stock row, the ETag of PUT /api/stock/{sku}: an operator's correction names
-- the version it was computed from (If-Match) and fails when anything changed the row since,
-- so a correction never silently undoes a reservation made in between. A trigger bumps it on
-- every update, whichever code path writes the row (reservations, releases, shipments,
-- corrections), so none of them has to remember to.
alter table stock add column version bigint not null default 0;

create function stock_next_version() returns trigger language plpgsql as $$
begin
    new.version := old.version + 1;
    return new;
end
$$;

create trigger stock_version before update on stock
    for each row execute function stock_next_version();
