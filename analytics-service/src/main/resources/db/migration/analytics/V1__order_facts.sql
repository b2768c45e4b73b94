-- The facts of each placed order, as the OrderPlaced event told them. Aggregates are never
-- stored: they are computed from these rows when asked for, so a redelivered event (which
-- adds no row) can never count twice, and an order that arrives late still lands in the
-- right place in time, which is its placed_at, not its recorded_at.
create table order_fact (
    order_id    uuid primary key,
    customer_id text,
    placed_at   timestamptz    not null,
    total       numeric(14, 2) not null check (total >= 0),
    currency    text           not null,
    units       int            not null check (units > 0),
    recorded_at timestamptz    not null
);

-- Every aggregate reads a placed_at range grouped by currency and summing totals; the
-- included columns let PostgreSQL answer those from the index alone.
create index order_fact_placed_at on order_fact (placed_at) include (currency, total);

create table order_fact_line (
    order_id   uuid           not null references order_fact on delete cascade,
    sku        text           not null,
    quantity   int            not null check (quantity > 0),
    unit_price numeric(12, 2) not null check (unit_price >= 0),
    line_total numeric(14, 2) not null check (line_total >= 0),
    primary key (order_id, sku)
);
