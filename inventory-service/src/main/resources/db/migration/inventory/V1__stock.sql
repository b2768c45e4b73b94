-- Stock per SKU. "available" is free to reserve; "reserved" is set aside for orders. The
-- checks are the last line of defence: whatever the code does, stock never goes negative.
create table stock (
    sku        text        primary key check (sku ~ '^[A-Z0-9][A-Z0-9-]{0,39}$'),
    available  int         not null check (available >= 0),
    reserved   int         not null default 0 check (reserved >= 0),
    updated_at timestamptz not null default now()
);

-- One decision per order: every line reserved, or none (REJECTED). The primary key makes a
-- second announcement of the same order (under another event id) a no-op.
create table reservation (
    order_id   uuid        primary key,
    status     text        not null check (status in ('RESERVED', 'REJECTED')),
    created_at timestamptz not null
);

-- The order's lines as requested: reserved when the reservation is RESERVED, not when REJECTED.
create table reservation_line (
    order_id uuid not null references reservation (order_id),
    sku      text not null,
    quantity int  not null check (quantity > 0),
    primary key (order_id, sku)
);

-- Demo stock for order-service's catalog (its V1__catalog.sql); the desk lamp is a limited edition.
insert into stock (sku, available) values
    ('MUG-001', 100),
    ('TEE-002', 100),
    ('CAP-003', 100),
    ('BAG-004', 100),
    ('BTL-005', 100),
    ('NTB-006', 100),
    ('PEN-007', 100),
    ('SCK-008', 100),
    ('LMP-009', 5),
    ('HDY-010', 100);
