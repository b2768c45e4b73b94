-- One shipment per order, created when the order is placed and waiting for stock.
create table shipment (
    order_id         uuid primary key,
    status           text        not null check (status in ('AWAITING_STOCK', 'DISPATCHED', 'CANCELLED')),
    recipient_name   text        not null,
    ship_line1       text        not null,
    ship_line2       text,
    ship_city        text        not null,
    ship_postal_code text        not null,
    ship_country     text        not null,
    units            int         not null check (units > 0),
    tracking_number  text,
    created_at       timestamptz not null,
    updated_at       timestamptz not null
);
