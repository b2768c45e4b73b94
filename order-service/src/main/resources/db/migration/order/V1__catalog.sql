-- The product catalog. Prices are the only source of truth for what an order costs.
create table product (
    sku        text primary key check (sku ~ '^[A-Z0-9][A-Z0-9-]{0,39}$'),
    name       text           not null,
    unit_price numeric(12, 2) not null check (unit_price >= 0),
    currency   text           not null check (currency ~ '^[A-Z]{3}$'),
    active     boolean        not null default true
);

-- Demo catalog; inventory-service seeds stock for the same SKUs.
insert into product (sku, name, unit_price, currency) values
    ('MUG-001', 'Enamel camping mug', 12.50, 'EUR'),
    ('TEE-002', 'Organic cotton T-shirt', 24.00, 'EUR'),
    ('CAP-003', 'Embroidered cap', 18.90, 'EUR'),
    ('BAG-004', 'Canvas tote bag', 15.00, 'EUR'),
    ('BTL-005', 'Insulated water bottle', 29.95, 'EUR'),
    ('NTB-006', 'Dotted notebook A5', 9.80, 'EUR'),
    ('PEN-007', 'Brass ballpoint pen', 34.00, 'EUR'),
    ('SCK-008', 'Merino hiking socks', 19.50, 'EUR'),
    ('LMP-009', 'Limited edition desk lamp', 89.00, 'EUR'),
    ('HDY-010', 'Heavyweight hoodie', 59.00, 'EUR');
