-- Orders ("order" is a reserved word), their lines and their status history.
create table customer_order (
    id               uuid primary key,
    customer_id      text           not null,
    customer_name    text           not null,
    customer_email   text           not null,
    ship_line1       text           not null,
    ship_line2       text,
    ship_city        text           not null,
    ship_postal_code text           not null,
    ship_country     text           not null check (ship_country ~ '^[A-Z]{2}$'),
    status           text           not null,
    total            numeric(14, 2) not null check (total >= 0),
    currency         text           not null check (currency ~ '^[A-Z]{3}$'),
    placed_at        timestamptz    not null,
    version          bigint         not null
);
create index customer_order_customer_idx on customer_order (customer_id, placed_at desc, id);

create table order_line (
    order_id     uuid           not null references customer_order (id) on delete cascade,
    line_no      int            not null,
    sku          text           not null,
    product_name text           not null,
    quantity     int            not null check (quantity > 0),
    unit_price   numeric(12, 2) not null check (unit_price >= 0),
    primary key (order_id, line_no)
);

create table order_status_change (
    id         bigint generated always as identity primary key,
    order_id   uuid        not null references customer_order (id) on delete cascade,
    status     text        not null,
    reason     text,
    changed_at timestamptz not null
);
create index order_status_change_order_idx on order_status_change (order_id, id);

-- Idempotency keys of POST /api/orders. The key is claimed in the same transaction that
-- creates the order (hence the deferred foreign key), so a key exists only with its order.
create table idempotency_key (
    idempotency_key text primary key,
    request_hash    text        not null,
    order_id        uuid        not null references customer_order (id) on delete cascade deferrable initially deferred,
    created_at      timestamptz not null,
    expires_at      timestamptz not null
);
create index idempotency_key_expires_idx on idempotency_key (expires_at);
