-- When each order reached each outcome, as the order service's events tell it (event time,
-- not arrival time). One row per order, a column per outcome: the first event of a kind sets
-- its column and later ones (redeliveries under a new event id) leave it alone.
--
-- No foreign key to order_fact: events of one order may arrive before its OrderPlaced (a
-- replay from a dead-letter topic, say). The row waits here and joins its fact once that
-- arrives; until then no aggregate sees it, since aggregates select orders by placed_at.
create table order_outcome (
    order_id     uuid primary key,
    confirmed_at timestamptz,
    rejected_at  timestamptz,
    shipped_at   timestamptz,
    cancelled_at timestamptz
);
