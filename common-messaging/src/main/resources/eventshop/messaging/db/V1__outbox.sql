-- Transactional outbox: a service inserts its events here in the same transaction as the
-- change they describe; the relay publishes committed rows to Kafka in id order.
create table outbox (
    id             bigint generated always as identity primary key,
    event_id       uuid        not null unique,
    topic          text        not null,
    record_key     text        not null,
    event_type     text        not null,
    source         text        not null,
    subject        text        not null,
    correlation_id text,
    causation_id   text,
    traceparent    text,
    occurred_at    timestamptz not null,
    created_at     timestamptz not null default clock_timestamp(),
    payload        bytea       not null,
    published_at   timestamptz
);

-- The relay only ever scans unpublished rows; this index stays small however long rows are kept.
create index outbox_unpublished_idx on outbox (id) where published_at is null;
create index outbox_published_at_idx on outbox (published_at) where published_at is not null;
